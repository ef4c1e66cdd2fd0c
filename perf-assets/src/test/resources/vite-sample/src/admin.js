import './admin.css'
import { format } from './shared.js'
import { a } from './cycle-a.js'
document.querySelector('#admin').textContent = format(a())
