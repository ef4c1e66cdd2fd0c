import './shared.css'
export function format(n) { return 'EUR ' + (n / 100).toFixed(2) }
