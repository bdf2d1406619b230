// The browser preload for the web shell: gives the page the same `window.pos`
// object as the Electron preload, carried over a WebSocket to 127.0.0.1 with
// the per-start token from the URL. Loaded before the renderer's own script.
import shape from 'virtual:pos-api-shape';
import { createPosApi } from './api';
import { createWebTransport } from './web-transport';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM } from './wire';

const TOKEN_KEY = 'pos.webToken';

function readToken(): string {
  const fromUrl = new URLSearchParams(location.search).get(WEB_TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar and history once stored.
    history.replaceState(null, '', location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_SOCKET_PATH}?${WEB_TOKEN_PARAM}=${encodeURIComponent(readToken())}`;

Object.defineProperty(window, 'pos', {
  value: createPosApi(createWebTransport({ url, open: (u) => new WebSocket(u) }), shape),
  writable: false,
  configurable: false,
});
