import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The desktop shell (Electron main process)…
          index: resolve('src-main/desktop/main.ts'),
          // …and the browser shell, a plain Node program over the same core.
          server: resolve('src-main/server/cli.ts'),
          // …and the core's worker thread, which both shells start (src-main/host/core-host.ts).
          'core-worker': resolve('src-main/host/core-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron`: bundle everything else into one
      // CommonJS file (Electron cannot load an ESM preload in a sandboxed renderer).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; half the bytes parse and compile faster
      // on every cold start of the page (a new window, a restarted server).
      minify: true,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
