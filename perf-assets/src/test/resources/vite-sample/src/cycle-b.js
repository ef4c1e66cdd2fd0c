import { a2 } from './cycle-a.js'
export function b() { return a2() * 3 }
