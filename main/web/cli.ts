// `npm run start:web`: the web shell under plain Node. Prints the URL to open.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '../core/logger';
import { createPosCore } from '../core/pos-core';
import { confEngine } from '../settings/conf-engine';
import { startWebShell } from './server';
import pkg from '../../package.json' with { type: 'json' };

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5780' },
    'data-dir': { type: 'string' },
  },
});

const dataDir = resolve(
  values['data-dir'] ?? process.env.POS_DATA_DIR ?? join(homedir(), '.counter-pos-web'),
);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0–65535, got "${values.port}" / 端口号无效`);
  process.exit(2);
}

const logger = createLogger({ file: join(dataDir, 'logs', 'pos.log') });
const core = await createPosCore({
  dataDir,
  settings: confEngine(dataDir),
  version: pkg.version,
  logger,
  backupSchedule: true,
});
const shell = await startWebShell({
  core,
  staticDir: fileURLToPath(new URL('../../out/web', import.meta.url)),
  logger,
  port,
});

console.log(`收银台 POS web shell (培训模式 training mode unless a host is configured)`);
console.log(`data: ${dataDir}`);
console.log(`open: ${shell.url}`);

const stop = async () => {
  await shell.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
