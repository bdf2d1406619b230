// The till behind the web shell for the load benchmark (web-load.ts), in its
// own process so its memory and CPU are measured alone:
//   node --import tsx tests/bench/web-load-child.ts <data dir> [history]
// Sets the terminal up (virtual printer) with `history` transactions of
// history (bulk SQL, see tests/support/history.ts), starts the web shell, prints one
// JSON line with its address and token, then a line of RSS and CPU time every
// 250 ms until it is killed.
import { createLogger } from '../../main/core/logger';
import { createPosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import { startWebShell } from '../../main/web/server';
import { join } from 'node:path';
import { SETUP, ok, setUpTerminal, signInCashier } from '../support/core';
import { seedHistory } from '../support/history';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx tests/bench/web-load-child.ts <data dir>');
  process.exit(2);
}
const history = Number(process.argv[3] ?? 0);
const logger = createLogger({ level: 'error' });
const open = () =>
  createPosCore({ dataDir: dir, settings: confEngine(dir), version: 'bench', logger });
let core = await open();
await setUpTerminal(core, SETUP);
await signInCashier(core); // the shell's one session: the clients sell as cashier 01
if (history > 0) {
  await core.close();
  seedHistory(join(dir, 'pos.sqlite'), { transactions: history });
  core = await open();
  await ok(core, 'auth:signIn', { operatorNo: '01', password: '1357' });
  await core.internals.print.pruneOld(); // as a shop runs it: old receipts already removed
}
const shell = await startWebShell({ core, staticDir: dir, logger });
console.log(JSON.stringify({ port: shell.port, token: shell.token }));
setInterval(() => {
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({ rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 }),
  );
}, 250);
