import { parseArgs } from 'node:util';
import { startTrainingHost } from './server';
import { TRAINING_TMK_HEX } from './training-keys';
import type { TrainingHostEvent } from './types';

/**
 * Runs the training host on its own, for a trainee or a technician:
 *   tsx main/host/training/cli.ts --port 5000 --terminal T0000001 \
 *     --merchant 898310148160001 [--tmk <32 hex>] [--host 0.0.0.0] [--keep-open]
 * Prints each request as it comes: MTI, trace, terminal, masked card, amount,
 * response code. Card numbers appear as first 6 / last 4 only; PINs never.
 */
const USAGE =
  'usage: tsx main/host/training/cli.ts --port 5000 --terminal T0000001 --merchant 898310148160001 [--tmk <32 hex>] [--host 127.0.0.1] [--keep-open]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5000' },
    host: { type: 'string', default: '127.0.0.1' },
    terminal: { type: 'string' },
    merchant: { type: 'string' },
    tmk: { type: 'string', default: TRAINING_TMK_HEX },
    'keep-open': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: not a port: ${values.port}`);
if (!values.terminal || values.terminal.length !== 8) fail('--terminal: 8 characters required');
if (!values.merchant || values.merchant.length !== 15) fail('--merchant: 15 characters required');
if (!/^[0-9A-Fa-f]{32}$/.test(values.tmk)) fail('--tmk: 32 hex digits required');

const time = () => new Date().toTimeString().slice(0, 8);
const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function show(e: TrainingHostEvent): void {
  switch (e.kind) {
    case 'request': {
      const parts = [time(), e.mti, `trace ${e.trace || '-'}`, e.terminal || '-'];
      if (e.panMasked) parts.push(e.panMasked);
      if (e.amountFen !== null) parts.push(yuan(e.amountFen));
      parts.push(`→ ${e.responseCode ?? '(no reply)'}`);
      if (e.fault) parts.push(`[fault: ${e.fault}]`);
      console.log(parts.join('  '));
      return;
    }
    case 'malformed':
      console.log(`${time()}  malformed frame from ${e.remote}, connection closed: ${e.detail}`);
      return;
    case 'refused':
      console.log(`${time()}  connection from ${e.remote} refused`);
      return;
    case 'error':
      console.log(`${time()}  error ${e.remote}: ${e.detail}`);
      return;
  }
}

const host = await startTrainingHost({
  host: values.host,
  port,
  terminals: [
    { terminal: values.terminal, merchant: values.merchant, tmk: Buffer.from(values.tmk, 'hex') },
  ],
  onEvent: show,
});
console.log(
  `training acquirer host 培训主机 on ${host.host}:${host.port} — terminal ${values.terminal}, merchant ${values.merchant}`,
);

const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
