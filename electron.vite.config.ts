import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Electron build: main (ESM), preload (CJS — sandboxed preloads can't be ESM),
// renderer (the same React app the web shell serves).
export default defineConfig({
  main: {
    build: {
      // Main loads its dependencies (better-sqlite3's prebuilt addon among them) from node_modules.
      externalizeDeps: true,
      outDir: here('./out/main'),
      rollupOptions: { input: { index: here('./main/app/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      outDir: here('./out/preload'),
      rollupOptions: {
        input: { index: here('./preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./renderer'),
    plugins: [react()],
    build: {
      outDir: here('./out/renderer'),
      minify: true,
      rollupOptions: { input: { index: here('./renderer/index.html') } },
    },
  },
});
