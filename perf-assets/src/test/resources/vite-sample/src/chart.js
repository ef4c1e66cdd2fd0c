import { format } from './shared.js'
export function chart(el) { el.textContent = 'chart ' + format(7) }
