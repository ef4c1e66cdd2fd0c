import { b } from './cycle-b.js'
export function a() { return b() + 1 }
export function a2() { return 2 }
