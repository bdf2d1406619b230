import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startBackOffice, type RequestLog } from './server';

/**
 * The reference back office on its own, for a demo or a technician:
 *   npm run backoffice -- [--port 8090] [--token <8+ characters>]
 * Listens on 127.0.0.1 only. Without --token a random one is made and
 * printed: enter it, with the printed address, in 后台上传 / Back office
 * (administrator 99). Prints each request as it comes; transactions never
 * carry more of a card number than first 6 / last 4.
 */
const USAGE = 'usage: npm run backoffice -- [--port 8090] [--token <8+ characters>]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    token: { type: 'string' },
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
const token = values.token ?? randomBytes(16).toString('hex');
if (token.length < 8 || token.length > 512) fail('--token: 8–512 characters required');

const time = () => new Date().toTimeString().slice(0, 8);

function show(r: RequestLog): void {
  const what =
    r.kind === 'part' ? `part ${r.part}` : r.kind === 'other' ? `${r.method} ${r.path}` : r.kind;
  const batch = r.batchNo ? `${r.merchant}/${r.terminal} batch ${r.batchNo}` : '';
  console.log([time(), batch, what, `${r.bytes} B`, `→ ${r.status}`].filter(Boolean).join('  '));
  if (r.kind === 'commit' && r.status === 201) {
    const b = office.batches().find((x) => x.batchNo === r.batchNo && x.terminal === r.terminal);
    if (b?.commit) {
      console.log(
        `${time()}  batch ${b.batchNo} committed 已入账: ${b.commit.count} transactions in ${b.commit.parts} parts, sha256 ${b.commit.sha256}`,
      );
    }
  }
}

const office = await startBackOffice({ token, port, keepBodies: false, onRequest: show });
console.log(`reference back office 后台 on ${office.baseUrl}`);
console.log(`token 令牌: ${token}`);

const stop = () => {
  void office.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
