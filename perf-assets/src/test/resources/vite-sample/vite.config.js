import { defineConfig } from 'vite'
export default defineConfig({
  build: {
    manifest: true,
    rollupOptions: { input: { main: 'src/main.js', admin: 'src/admin.js' } },
  },
})
