// The Electron shell: the only code that imports 'electron'. It builds the same
// core as the web shell and carries the contract over IPC.
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { createLogger } from '../core/logger';
import { createPosCore, type PosCore } from '../core/pos-core';
import { wireIpc } from './ipc';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';
import { electronKeyStore } from './secret-box';
import { electronStoreEngine } from './settings-engine';
import { createMainWindow } from './window';

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

let core: PosCore | null = null;
let mainWindow: BrowserWindow | null = null;

async function start() {
  const dataDir = app.getPath('userData');
  const logger = createLogger({ file: join(dataDir, 'logs', 'pos.log') });
  core = await createPosCore({
    dataDir,
    settings: electronStoreEngine(dataDir),
    keyStore: electronKeyStore(join(dataDir, 'secret.key'), logger),
    version: app.getVersion(),
    logger,
    backupSchedule: true,
  });

  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const origins = devUrl ? [new URL(devUrl).origin] : [APP_ORIGIN];
  if (!devUrl) serveRenderer(join(import.meta.dirname, '../renderer'));

  wireIpc({ core, window: () => mainWindow, trustedOrigins: origins, logger });
  mainWindow = createMainWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    url: devUrl ?? `${APP_ORIGIN}/index.html`,
    allowedOrigins: origins,
  }).win;
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.on('second-instance', () => mainWindow?.focus());
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void core?.close();
});

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    console.error('收银台启动失败 / POS failed to start', err);
    app.exit(1);
  });
