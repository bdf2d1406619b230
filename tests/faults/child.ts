// The terminal's side of the fault suite, in its own process so that the
// parent can kill it (SIGKILL) at any instant, as a power cut would:
//   node --import tsx tests/faults/child.ts <json config>
// Modes: `setup` (a technician sets the terminal up against the parent's
// host, gateway, printer and back office), `work` (a seeded random workload
// through core.dispatch until killed or out of steps) and `drain` (the
// network is up: recover, deliver every reversal, cancel, refund and upload,
// then exit 0). Every line on stdout is one JSON object (see ChildMessage).
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock';
import { createLogger } from '../../main/core/logger';
import { createPosCore, type PosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import { localDate } from '../../main/services/printing/receipts';
import { duplexPair } from 'node:stream';
import { checkValue, pinBlock, tdesEcbDecrypt } from '../../main/host/crypto';
import { createSerialPinPad, emulatePinPad } from '../../native/pinpad';
import { TRAINING_PIN } from '../../native/pinpad/test-cards';
import type { Result } from '../../preload/contract';
import { TEST_SCRYPT } from '../support/core';
import { rng, type Rng } from './rng';
import type { ChildConfig, ChildMessage } from './protocol';

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const say = (m: ChildMessage) => process.stdout.write(`${JSON.stringify(m)}\n`);

export const PASSWORDS = { admin: '87654321', supervisor: '246810', cashier: '1357' };
const SUPERVISOR = { operatorNo: '00', password: PASSWORDS.supervisor };
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

function padPhase(_core: PosCore): string {
  return device.state().phase;
}

async function padShows(core: PosCore, phase: string, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (padPhase(core) !== phase) {
    if (Date.now() > end) throw new Error(`PIN pad shows ${padPhase(core)}, not ${phase}`);
    await sleep(5);
  }
}

/** A channel that reads a card: the card and PIN go in through the contract as the cashier would. */
async function withCard<T>(core: PosCore, channel: string, input: unknown, cardId: string) {
  const running = call<T>(core, channel, input);
  const first = await Promise.race([
    running.then((r) => ({ done: r })),
    padShows(core, 'card', 10_000).then(() => null),
  ]);
  if (first) return first.done;
  device.presentCard(cardId);
  if (cardId !== 'swipe' || padPhase(core) === 'pin' || (await waitPin(core))) {
    await padShows(core, 'pin');
    for (const key of TRAINING_PIN) device.pressKey(key as '1');
    device.pressKey('enter');
  }
  return running;
}

async function waitPin(core: PosCore) {
  try {
    await padShows(core, 'pin', 500);
    return true;
  } catch {
    return false;
  }
}

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
    scryptCost: TEST_SCRYPT,
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
    await must(core, 'auth:signOff');
  }
}

type Row = Record<string, unknown>;

function pick<T>(r: Rng, xs: T[]): T | undefined {
  return xs.length ? xs[r.int(xs.length)] : undefined;
}

/** One random step of the workload; returns what it did for the log. */
async function step(core: PosCore, r: Rng): Promise<{ op: string; ok: boolean; detail?: string }> {
  const db = core.internals.db;
  const amount = 100 + r.int(20_000);
  const roll = r.int(100);
  const summarize = (op: string, res: Result<unknown>) => ({
    op,
    ok: res.ok,
    detail: res.ok
      ? String((res.value as { outcome?: string }).outcome ?? 'ok')
      : String(res.error.code),
  });
  if (roll < 30) {
    const card =
      r.int(10) < 7
        ? 'approve'
        : (pick(r, ['no-reply', 'insufficient', 'wrong-pin', 'foreign', 'swipe']) ?? 'approve');
    return summarize(
      `card:${card}`,
      await withCard(core, 'card:sale', { amountFen: amount }, card),
    );
  }
  if (roll < 48) {
    return summarize(
      'cash',
      await call(core, 'sale:cash', { amountFen: amount, tenderedFen: amount + r.int(1000) }),
    );
  }
  if (roll < 63) {
    const digit = pick(r, [0, 1, 2, 3, 4, 0, 1, 2, 7, 8, 9, 5]) ?? 0;
    const code = `13${String(r.int(1e9)).padStart(9, '0')}${String(r.int(1e6)).padStart(6, '0')}${digit}`;
    return summarize(`qr:${digit}`, await call(core, 'qr:pay', { amountFen: amount, code }));
  }
  if (roll < 72) {
    const sales = db
      .prepare(
        "SELECT t.trace_no FROM transactions t JOIN batches b ON b.batch_no = t.batch_no WHERE b.state = 'open' AND t.tender = 'card' AND t.type = 'sale' AND t.state = 'approved'",
      )
      .all() as Row[];
    const s = pick(r, sales);
    if (!s) return { op: 'void', ok: false, detail: 'nothing to void' };
    return summarize(
      'void',
      await withCard(core, 'voids:run', { traceNo: s.trace_no, supervisor: SUPERVISOR }, 'approve'),
    );
  }
  if (roll < 77) {
    const sales = db
      .prepare(
        "SELECT t.rrn, t.created_at, t.amount_fen FROM transactions t JOIN batches b ON b.batch_no = t.batch_no WHERE b.state = 'settled' AND t.tender = 'card' AND t.type = 'sale' AND t.state = 'approved' AND t.rrn IS NOT NULL AND t.card_foreign = 0",
      )
      .all() as Row[];
    const s = pick(r, sales);
    if (!s) return { op: 'refund:card', ok: false, detail: 'nothing settled' };
    const input = {
      rrn: s.rrn,
      date: localDate(Number(s.created_at)),
      amountFen: 1 + r.int(Number(s.amount_fen)),
      supervisor: SUPERVISOR,
    };
    return summarize('refund:card', await withCard(core, 'refunds:card', input, 'approve'));
  }
  if (roll < 82) {
    const sales = db
      .prepare(
        "SELECT t.batch_no, t.trace_no, t.amount_fen FROM transactions t JOIN batches b ON b.batch_no = t.batch_no WHERE b.state = 'settled' AND t.tender = 'cash' AND t.type = 'sale' AND t.state = 'approved'",
      )
      .all() as Row[];
    const s = pick(r, sales);
    if (!s) return { op: 'refund:cash', ok: false, detail: 'nothing settled' };
    return summarize(
      'refund:cash',
      await call(core, 'refunds:cash', {
        batchNo: s.batch_no,
        traceNo: s.trace_no,
        amountFen: 1 + r.int(Number(s.amount_fen)),
        supervisor: SUPERVISOR,
      }),
    );
  }
  if (roll < 88) {
    const paid = db
      .prepare(
        "SELECT id, amount_fen FROM transactions WHERE tender = 'qr' AND type = 'sale' AND state = 'approved'",
      )
      .all() as Row[];
    const s = pick(r, paid);
    if (!s) return { op: 'refund:qr', ok: false, detail: 'nothing paid' };
    return summarize(
      'refund:qr',
      await call(core, 'qr:refund', {
        txId: s.id,
        amountFen: 1 + r.int(Math.max(1, Math.floor(Number(s.amount_fen) / 3))),
        supervisor: SUPERVISOR,
      }),
    );
  }
  if (roll < 95) {
    await signIn(core, '00', PASSWORDS.supervisor);
    const res = await call(core, 'settlement:run');
    await signIn(core, '01', PASSWORDS.cashier);
    return summarize('settlement', res);
  }
  await signIn(core, '00', PASSWORDS.supervisor);
  const res = await call(core, 'sync:retry');
  await signIn(core, '01', PASSWORDS.cashier);
  return summarize('sync', res);
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

const core = await openCore();
try {
  if (config.mode === 'setup') {
    await setup(core);
    say({ t: 'setup' });
  } else {
    try {
      await signIn(core, '01', PASSWORDS.cashier);
    } catch (err) {
      say({ t: 'log', text: `sign-in: ${String(err)}` });
    }
    say({ t: 'ready' });
    if (config.mode === 'work') {
      const r = rng(config.seed);
      for (let i = 0; i < config.steps; i++) {
        let done: { op: string; ok: boolean; detail?: string };
        try {
          done = await step(core, r);
        } catch (err) {
          done = { op: 'error', ok: false, detail: String(err) };
          await call(core, 'card:cancel');
          await call(core, 'qr:cancel');
          await signIn(core, '01', PASSWORDS.cashier).catch(() => undefined);
        }
        say({ t: 'op', ...done });
      }
    } else {
      say({ t: 'drained', ...(await drain(core)) });
    }
  }
  await core.close();
  process.exit(0);
} catch (err) {
  say({
    t: 'log',
    text: `fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  });
  process.exit(1);
}
