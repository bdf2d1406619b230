import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('../../renderer', import.meta.url));
const webPreload = fileURLToPath(new URL('../../preload/web.ts', import.meta.url));
const PRELOAD_ID = '/@pos/web-preload';

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

export default defineConfig({
  root: rendererRoot,
  base: '/',
  plugins: [injectWebPreload(), react()],
  build: {
    outDir: fileURLToPath(new URL('../../out/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
});
