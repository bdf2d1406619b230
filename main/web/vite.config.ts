import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import type { contractShape } from '../../preload/api-shape';

const rendererRoot = fileURLToPath(new URL('../../renderer', import.meta.url));
const webPreload = fileURLToPath(new URL('../../preload/web.ts', import.meta.url));
const PRELOAD_ID = '/@pos/web-preload';
const apiShapeModule = fileURLToPath(new URL('../../preload/api-shape.ts', import.meta.url));

/**
 * The web shell's build of the renderer: the same renderer as in Electron, with
 * the browser preload (preload/web.ts) loaded first, so the page gets the same
 * `window.pos` object the Electron preload gives it.
 */
function injectWebPreload(): Plugin {
  return {
    name: 'pos-inject-web-preload',
    resolveId: (id) => (id === PRELOAD_ID ? webPreload : null),
    // 'pre' so Vite bundles the injected script like the page's own.
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace('<head>', `<head>\n    <script type="module" src="${PRELOAD_ID}"></script>`),
    },
  };
}

/**
 * `virtual:pos-api-shape`: the contract's channel and event names, taken from
 * the contract at build time, so the browser preload builds the same
 * `window.pos` without shipping every zod schema in the start-up code.
 */
function apiShape(): Plugin {
  const id = 'virtual:pos-api-shape';
  return {
    name: 'pos-api-shape',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    async load(source) {
      if (source !== `\0${id}`) return null;
      // Evaluated in Node with Vite's own module runner (the contract is TypeScript).
      const { module } = await runnerImport<{ contractShape: typeof contractShape }>(
        apiShapeModule,
        { configFile: false, logLevel: 'silent' },
      );
      return `export default ${JSON.stringify(module.contractShape())};`;
    },
  };
}

/**
 * Brotli and gzip copies beside every text file of the build (name.br,
 * name.gz), made once here at the highest settings, so the web shell serves
 * them without compressing anything per request (main/web/static-files.ts).
 * Electron loads the renderer from disk and doesn't need them.
 */
function precompress(): Plugin {
  return {
    name: 'pos-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|mjs|css|html|svg|json)$/.test(name)) continue;
        const file = join(dir, name);
        const body = await readFile(file);
        await writeFile(`${file}.gz`, gzipSync(body, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(body, {
            params: {
              // The best (and slowest) setting pays for the start-up chunks; a big
              // lazy chunk (the charts) takes a quicker one, a few % larger.
              [constants.BROTLI_PARAM_QUALITY]: body.length <= 262_144 ? 11 : 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        );
      }
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: '/',
  plugins: [injectWebPreload(), apiShape(), react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../out/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // The contract's modules only define schemas and helpers: one the page
        // doesn't use (every zod schema, as the main side does the checking)
        // is left out, and zod with it. Everything else keeps the default.
        moduleSideEffects: (id) =>
          /[\\/]preload[\\/]contract[\\/]|[\\/]node_modules[\\/]zod[\\/]/.test(id)
            ? false
            : undefined,
      },
    },
  },
});
