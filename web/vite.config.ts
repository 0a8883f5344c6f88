// The review app: a vanilla TypeScript bundle served by `lkj serve` from dist/web.
// Everything is bundled (no CDN, nothing fetched at run time) and no inline script or style is
// emitted, so the server's Content-Security-Policy (script-src 'self'; style-src 'self') holds.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // the polyfill would be a module script of its own; every browser we target has modulepreload
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    // the charts' chunk (ECharts, ~550 kB, ~180 kB gzipped) loads only on the dashboard: docs/dashboard.md
    chunkSizeWarningLimit: 600,
  },
});
