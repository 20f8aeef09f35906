import { defineConfig } from 'vite';

// Built by `vite build web` into web/dist, which the registry serves at '/'.
export default defineConfig({
  // Relative asset URLs: the app works wherever the server mounts it (routing is by hash).
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // cytoscape is split into its own chunk, loaded only by the lineage page.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `vite web` during development proxies the API to a registry (or web/dev/mock-server.mjs).
    proxy: { '/api': process.env.TESSERA_REGISTRY_URL ?? 'http://127.0.0.1:8484' },
  },
});
