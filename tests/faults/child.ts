// The terminal's side of the fault suite, in its own process so that the
// parent can kill it (SIGKILL) at any instant, as a power cut would:
//   node --import tsx tests/faults/child.ts <json config>
// It is the web shell (main/web): the terminal's services on a real SQLite
// file with the production password cost, serving the contract on its
// WebSocket, which the parent drives as the renderer would (driver.ts).
// Modes: `setup` (a technician sets the terminal up against the parent's
// host, gateway, printer and back office), `work` (serve until killed or told
// to stop) and `drain` (serve; on 'drain' the network is up: recover, deliver
// every reversal, cancel, refund and upload, then exit 0). Every line on
// stdout is one JSON object (ChildMessage); stdin takes ParentCommand lines
// (the cardholder at the PIN pad, drain, stop). A crash point armed in
// POS_CRASH_POINT (main/core/crash-point.ts) kills the process from inside.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../../main/core/clock';
import { createLogger } from '../../main/core/logger';
import { createPosCore, type PosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import { startWebShell } from '../../main/web/server';
import { duplexPair } from 'node:stream';
import { checkValue, pinBlock, tdesEcbDecrypt } from '../../main/host/crypto';
import { createSerialPinPad, emulatePinPad } from '../../native/pinpad';
import type { Result } from '../../preload/contract';
import { PASSWORDS, type ChildConfig, type ChildMessage, type ParentCommand } from './protocol';

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const say = (m: ChildMessage) => process.stdout.write(`${JSON.stringify(m)}\n`);

const OPEN_OUTBOX = "state IN ('held', 'pending')";
const UNFINISHED_TX = "state IN ('pending', 'reversal_pending', 'uncertain', 'cancel_pending')";

async function call<T = unknown>(core: PosCore, channel: string, input: unknown = {}) {
  return (await core.dispatch(channel, input)) as Result<T>;
}

async function must<T = unknown>(core: PosCore, channel: string, input: unknown = {}) {
  const r = await call<T>(core, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The PIN pad on the counter: outside training mode there is no simulated
 * one, so the terminal drives the serial driver and a PIN pad device is
 * emulated on the other end of the line; the workload is its cardholder.
 */
const TMK = config.tmkComponents
  .map((c) => Buffer.from(c, 'hex'))
  .reduce((a, b) => Buffer.from(a.map((x, i) => x ^ b[i]!)));
const [padLine, deviceLine] = duplexPair();
const device = emulatePinPad(deviceLine, {
  unwrapPinKey(under, kcv) {
    const pik = tdesEcbDecrypt(TMK, under);
    if (checkValue(pik) !== kcv) throw new Error('PIN key check value mismatch');
    return pik;
  },
  pinBlock,
}).pad;

async function signIn(core: PosCore, operatorNo: string, password: string) {
  if ((await call(core, 'auth:signOff')).ok === false) {
    /* nobody signed in */
  }
  return must(core, 'auth:signIn', { operatorNo, password });
}

async function openCore(): Promise<PosCore> {
  return createPosCore({
    dataDir: config.dir,
    settings: confEngine(config.dir),
    version: '0.0.0-faults',
    clock: systemClock,
    logger: createLogger({ file: join(config.dir, 'logs', 'pos.log'), level: 'info' }),
    // The production password cost (no scryptCost): sign-in costs what it costs at the counter.
    printRetryDelaysMs: [200, 500, 1000],
    pinpad: createSerialPinPad(padLine, { answerTimeoutMs: 10_000 }),
  });
}

async function setup(core: PosCore) {
  await must(core, 'auth:changePassword', {
    operatorNo: '99',
    currentPassword: '12345678',
    newPassword: PASSWORDS.admin,
    confirmPassword: PASSWORDS.admin,
  });
  await must(core, 'setup:save', {
    merchantNumber: config.merchant,
    terminalNumber: config.terminal,
    merchantName: '测试便利店',
    printer: { kind: 'tcp', host: '127.0.0.1', port: config.printerPort },
    paperWidth: 80,
  });
  await must(core, 'setup:saveHost', {
    address: `127.0.0.1:${config.hostPort}`,
    tls: false,
    timeoutSec: 1,
    retries: 1,
    tpdu: '6000030000',
    header: '603100000000',
  });
  await must(core, 'keys:injectTmk', { components: config.tmkComponents });
  await must(core, 'qr:saveGateway', {
    baseUrl: config.gatewayUrl,
    timeoutSec: 1,
    token: config.gatewayToken,
  });
  await must(core, 'sync:saveSettings', {
    baseUrl: config.backOfficeUrl,
    timeoutSec: 2,
    token: config.backOfficeToken,
  });
  await must(core, 'auth:signOff');
  for (const [no, from, to] of [
    ['01', '0000', PASSWORDS.cashier],
    ['00', '123456', PASSWORDS.supervisor],
  ] as const) {
    await must(core, 'auth:changePassword', {
      operatorNo: no,
      currentPassword: from,
      newPassword: to,
      confirmPassword: to,
    });
    // The cashier's shift stays open (a 交班 needs a count): the supervisor steps in over it.
    if (no !== '01') await must(core, 'auth:signOff');
  }
}

function counts(core: PosCore) {
  const db = core.internals.db;
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    outbox: n(`SELECT count(*) AS n FROM outbox WHERE ${OPEN_OUTBOX}`),
    unfinished: n(`SELECT count(*) AS n FROM transactions WHERE ${UNFINISHED_TX}`),
    settling: n("SELECT count(*) AS n FROM batches WHERE state = 'settling'"),
    printing: n("SELECT count(*) AS n FROM print_jobs WHERE state IN ('queued', 'printing')"),
  };
}

/** The network is up: deliver everything that waits, finish a cut-short settlement, upload. */
async function drain(core: PosCore) {
  const kinds = () =>
    (
      core.internals.db
        .prepare(`SELECT DISTINCT kind FROM outbox WHERE ${OPEN_OUTBOX}`)
        .all() as Array<{ kind: string }>
    ).map((k) => k.kind);
  let c = counts(core);
  let closed = false;
  for (let round = 0; round < 40; round++) {
    await call(core, 'host:signIn');
    await call(core, 'host:flushReversals');
    for (const kind of kinds()) await core.internals.outbox.flush(kind);
    c = counts(core);
    if (c.settling > 0 || (config.settleOpen && !closed)) {
      await signIn(core, '00', PASSWORDS.supervisor);
      const res = await call(core, 'settlement:run');
      closed = res.ok || (!res.ok && res.error.code === 'NOTHING_TO_SETTLE');
      if (!res.ok) say({ t: 'log', text: `drain settlement: ${JSON.stringify(res.error)}` });
      await call(core, 'sync:retry');
      await signIn(core, '01', PASSWORDS.cashier);
      c = counts(core);
    }
    if (
      c.outbox === 0 &&
      c.unfinished === 0 &&
      c.settling === 0 &&
      c.printing === 0 &&
      (closed || !config.settleOpen)
    )
      break;
    await sleep(250);
  }
  return c;
}

/**
 * The cardholder at the PIN pad: the parent names the next card and PIN
 * before it asks for a card payment; the card goes in when the pad asks for
 * one and the PIN is keyed when it asks for that (a wrong one when told).
 */
let nextCard: { id: string; pin: string } | null = null;
device.onChange((s) => {
  const card = nextCard;
  if (!card) return;
  if (s.phase === 'card') setImmediate(() => device.presentCard(card.id));
  else if (s.phase === 'pin' && s.digits === 0) {
    nextCard = null;
    setImmediate(() => {
      for (const key of card.pin) device.pressKey(key as '1');
      device.pressKey('enter');
    });
  }
});

// The parent starts the next terminal process while the current one works (loading the
// code is most of a restart); it opens the data directory only on 'go', once the last
// one is dead. Every stdin line after that is a ParentCommand.
let onCommand: (cmd: ParentCommand) => void = () => undefined;
let started = false;
const go = new Promise<void>((resolve) => {
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      const cmd = JSON.parse(line) as ParentCommand;
      if (cmd.t === 'go') resolve();
      else onCommand(cmd);
    })
    // The parent went away before it needed this one.
    .on('close', () => started || process.exit(0));
});
await go;
started = true;
const core = await openCore();
try {
  if (config.mode === 'setup') {
    await setup(core);
    say({ t: 'setup' });
    await core.close();
    process.exit(0);
  }
  const shell = await startWebShell({
    core,
    // Only the WebSocket is used: no renderer files are served.
    staticDir: join(config.dir, 'no-static'),
    logger: createLogger({ file: join(config.dir, 'logs', 'web.log'), level: 'warn' }),
  });
  say({ t: 'ready', port: shell.port, token: shell.token });
  let stopping = false;
  const stop = async (drained: boolean) => {
    if (stopping) return;
    stopping = true;
    if (drained) say({ t: 'drained', ...(await drain(core)) });
    await shell.close();
    await core.close();
    process.exit(0);
  };
  onCommand = (cmd) => {
    if (cmd.t === 'card') nextCard = { id: cmd.id, pin: cmd.pin };
    else
      void stop(cmd.t === 'drain').catch((err: unknown) => {
        say({
          t: 'log',
          text: `fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        });
        process.exit(1);
      });
  };
} catch (err) {
  say({
    t: 'log',
    text: `fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  });
  process.exit(1);
}
