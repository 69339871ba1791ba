import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app://qthink/ in Electron and from the loopback bridge in browser mode:
// relative asset URLs (base './') work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or styles injected by the build: the CSP allows scripts only from the app itself.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
