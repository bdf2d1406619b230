import { BrowserWindow, session } from 'electron';
import { originOf } from './origin';

/**
 * The till's window with the security baseline of ENGINEERING.md: isolated,
 * sandboxed, no Node in the page, no navigation away, no new windows, no
 * permissions (camera, notifications, …) granted to the page.
 */
export function createMainWindow(opts: {
  preload: string;
  url: string;
  allowedOrigins: readonly string[];
}) {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: '收银台 POS',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });

  const isOurs = (url: string) => {
    const origin = originOf(url);
    return origin !== null && opts.allowedOrigins.includes(origin);
  };
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOurs(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isOurs(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return { win };
}
