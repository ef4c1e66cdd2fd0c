import './main.css'
import { format } from './shared.js'
import logo from './logo.png'
document.querySelector('#app').innerHTML = `<img src="${logo}"> ${format(42)}`
document.querySelector('#more').addEventListener('click', async () => {
  const { chart } = await import('./chart.js')
  chart(document.querySelector('#chart'))
})
