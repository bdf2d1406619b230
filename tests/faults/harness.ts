import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startTrainingHost, type TrainingHost } from '../../main/host/training';
import { startTrainingGateway, type TrainingGateway } from '../../main/qr';
import { startPrinterSimulator, type PrinterSimulator } from '../../native/printer/simulator';
import { startBackOffice, type BackOffice } from '../backoffice/server';
import { tempDir } from '../support/core';
import { census, checkInvariants, receiptNumbers, type World } from './invariants';
import type { ChildConfig, ChildMessage } from './protocol';
import { rng, type Rng } from './rng';

/**
 * The crash-safety suite (issue 10). The terminal's services run in a child
 * process on a real SQLite file; the acquirer host, the QR gateway, the
 * receipt printer and the back office run here, in the parent, so their
 * records outlive every kill. Each round: arm some network faults (seeded),
 * start the terminal on the same data directory (it recovers), let it work,
 * SIGKILL it at a seeded instant, check the invariants that hold at any
 * instant. Every `drainEvery` rounds and at the end: faults off, the terminal
 * drains (reversals, cancels, refunds, uploads) and exits, and the invariants
 * that hold once the network is back are checked too.
 */
export interface FaultRunOptions {
  kills: number;
  seed: number;
  /** Full check (drain) every this many kills; 0 = only at the end. */
  drainEvery?: number;
  /** Longest time (ms) a round runs before its kill. */
  maxRoundMs?: number;
  log?: (line: string) => void;
}

export interface FaultRunSummary {
  seed: number;
  kills: number;
  /** Kills that landed before the terminal was ready (during start-up and recovery). */
  killsDuringStart: number;
  transactions: number;
  byTender: Record<string, number>;
  settlements: number;
  operations: number;
  drains: number;
  /** The host's ledger at the end: approved and reversed entries (reversals that went through). */
  host: { approved: number; reversed: number; declined: number };
  /** QR orders at the gateway at the end, by status. */
  qrOrders: Record<string, number>;
  violations: string[];
  ms: number;
}

const CHILD = join(import.meta.dirname, 'child.ts');
const MERCHANT = '898310148160001';
const TERMINAL = 'T0000001';
const BO_TOKEN = 'bo-token-faults-5f2c9a71';

function componentsOf(key: Buffer): string[] {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
}

interface Env {
  dir: string;
  host: TrainingHost;
  gateway: TrainingGateway;
  printer: PrinterSimulator;
  office: BackOffice;
  base: Omit<ChildConfig, 'mode' | 'seed' | 'steps'>;
  injected409: Set<string>;
  receipts: World['receipts'];
}

interface RunResult {
  messages: ChildMessage[];
  signal: NodeJS.Signals | null;
  code: number | null;
  readyBeforeKill: boolean;
}

/** Runs the terminal process; `killAfterMs` counts from spawn (`fromReady`: from its 'ready' line). */
function runChild(
  env: Env,
  cfg: Pick<ChildConfig, 'mode' | 'seed' | 'steps' | 'settleOpen'>,
  kill: { ms: number; fromReady: boolean } | null,
  onMessage: (m: ChildMessage) => void,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify({ ...env.base, ...cfg })],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const messages: ChildMessage[] = [];
    let ready = false;
    let timer: NodeJS.Timeout | null = null;
    let stderr = '';
    const arm = (ms: number) => {
      timer = setTimeout(() => child.kill('SIGKILL'), ms);
    };
    if (kill && !kill.fromReady) arm(kill.ms);
    createInterface({ input: child.stdout }).on('line', (line) => {
      let m: ChildMessage;
      try {
        m = JSON.parse(line) as ChildMessage;
      } catch {
        return;
      }
      messages.push(m);
      if (m.t === 'ready') {
        ready = true;
        if (kill?.fromReady) arm(kill.ms);
      }
      onMessage(m);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (!signal && code !== 0) {
        const fatal = messages.find((m) => m.t === 'log' && m.text.startsWith('fatal'));
        return reject(
          new Error(
            `terminal process (${cfg.mode}) exited with ${code}: ${fatal?.t === 'log' ? fatal.text : stderr}`,
          ),
        );
      }
      resolve({ messages, signal, code, readyBeforeKill: ready });
    });
  });
}

/** Arms a seeded mix of network faults for the next round (most rounds get none). */
function armFaults(env: Env, r: Rng): string[] {
  const armed: string[] = [];
  const n = 1 + r.int(3);
  if (r.chance(0.35)) {
    const kind = r.int(6);
    if (kind === 0) env.host.faults.dropNext(n);
    else if (kind === 1) env.host.faults.silentNext(n);
    else if (kind === 2) env.host.faults.garbageNext(n);
    else if (kind === 3)
      env.host.faults.delayNext(n, 1500); // after the 1 s timeout
    else if (kind === 4) env.host.faults.failReversals(n, r.chance(0.5) ? 'silent' : '96');
    else env.host.faults.failAfter(r.int(4), 'drop');
    armed.push(
      `host:${['drop', 'silent', 'garbage', 'late', 'reversals', 'failAfter'][kind]}×${n}`,
    );
  }
  if (r.chance(0.2)) {
    const kind = r.chance(0.5) ? 'http-500' : 'drop';
    env.gateway.failNext(n, kind);
    armed.push(`gateway:${kind}×${n}`);
  }
  if (r.chance(0.25)) {
    const how = (['drop', 'lose-reply', 'stall', 503, 500] as const)[r.int(5)]!;
    env.office.failNext(n, how);
    armed.push(`backoffice:${how}×${n}`);
  }
  if (r.chance(0.03)) {
    // A back office that answers 409 when it should not: the product gives the batch up (dead,
    // for a person to look at), never overwrites; the harness notes which batch it hit.
    env.office.failNext(1, 409, (q) => q.kind === 'header');
    armed.push('backoffice:409');
  }
  if (r.chance(0.15)) {
    env.printer.disconnectNext(n);
    armed.push(`printer:disconnect×${n}`);
  }
  return armed;
}

function disarm(env: Env) {
  env.host.faults.reset();
  env.gateway.failNext(0);
  env.office.failNext(0);
  env.printer.disconnectNext(0);
}

function world(env: Env): World {
  const jobs = env.printer.jobs();
  for (let i = env.receipts.length; i < jobs.length; i++)
    env.receipts.push({ job: i, ...receiptNumbers(jobs[i]!) });
  for (const q of env.office.requests())
    if (q.status === 409 && q.batchNo) env.injected409.add(q.batchNo);
  return {
    terminal: TERMINAL,
    ledger: env.host.ledger(),
    orders: env.gateway.orders(),
    backOffice: env.office.batches(),
    backOfficeLog: env.office.requests(),
    receipts: env.receipts,
    injected409: env.injected409,
  };
}

export async function runFaults(opts: FaultRunOptions): Promise<FaultRunSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const drainEvery = opts.drainEvery ?? 25;
  const maxRoundMs = opts.maxRoundMs ?? 3000;
  const r = rng(opts.seed);
  const tmp = tempDir('pos-faults-');
  const tmk = randomBytes(16);
  const gatewayToken = randomBytes(16).toString('hex');
  const host = await startTrainingHost({
    terminals: [{ terminal: TERMINAL, merchant: MERCHANT, tmk }],
  });
  const gateway = await startTrainingGateway({
    token: gatewayToken,
    holdMs: 2500,
    confirmAfterQueries: 1,
  });
  const printer = await startPrinterSimulator();
  const office = await startBackOffice({ token: BO_TOKEN, keepBodies: false });
  const env: Env = {
    dir: tmp.dir,
    host,
    gateway,
    printer,
    office,
    injected409: new Set(),
    receipts: [],
    base: {
      dir: tmp.dir,
      merchant: MERCHANT,
      terminal: TERMINAL,
      hostPort: host.port,
      printerPort: printer.port,
      gatewayUrl: gateway.baseUrl,
      gatewayToken,
      backOfficeUrl: office.baseUrl,
      backOfficeToken: BO_TOKEN,
      tmkComponents: componentsOf(tmk),
    },
  };
  const violations: string[] = [];
  let operations = 0;
  let killsDuringStart = 0;
  let drains = 0;
  const check = (when: string, final: boolean) => {
    for (const v of checkInvariants(tmp.dir, world(env), final)) {
      violations.push(`${when}: ${v}`);
      log(`VIOLATION ${when}: ${v}`);
    }
  };
  const drain = async (when: string) => {
    disarm(env);
    drains += 1;
    const res = await runChild(
      env,
      { mode: 'drain', seed: 0, steps: 0, settleOpen: true },
      null,
      () => undefined,
    );
    const d = res.messages.find((m) => m.t === 'drained');
    log(`${when}: drained ${JSON.stringify(d)}`);
    check(when, true);
  };
  try {
    await runChild(env, { mode: 'setup', seed: 0, steps: 0 }, null, () => undefined);
    for (let kill = 1; kill <= opts.kills; kill++) {
      const armed = armFaults(env, r);
      const during = r.chance(0.15);
      const ms = during ? 100 + r.int(1500) : 50 + r.int(maxRoundMs);
      const ops: string[] = [];
      const res = await runChild(
        env,
        { mode: 'work', seed: opts.seed * 100_003 + kill, steps: 10_000 },
        { ms, fromReady: !during },
        (m) => {
          if (m.t === 'op') {
            operations += 1;
            ops.push(`${m.op}=${m.ok ? '' : '!'}${m.detail ?? ''}`);
          } else if (m.t === 'log') log(`  kill ${kill}: ${m.text}`);
        },
      );
      if (!res.readyBeforeKill) killsDuringStart += 1;
      log(
        `kill ${kill}/${opts.kills} at ${ms} ms${during ? ' from spawn' : ''}${armed.length ? ` [${armed.join(' ')}]` : ''}: ${ops.join(' ') || '(no op finished)'}`,
      );
      disarm(env);
      check(`after kill ${kill}`, false);
      if (drainEvery > 0 && kill % drainEvery === 0 && kill < opts.kills)
        await drain(`drain after kill ${kill}`);
    }
    await drain('end');
    const c = census(tmp.dir);
    const ledger = host.ledger();
    const qrOrders: Record<string, number> = {};
    for (const o of gateway.orders()) qrOrders[o.status] = (qrOrders[o.status] ?? 0) + 1;
    return {
      host: {
        approved: ledger.filter((e) => e.state === 'approved').length,
        reversed: ledger.filter((e) => e.state === 'reversed').length,
        declined: ledger.filter((e) => e.state === 'declined').length,
      },
      qrOrders,
      seed: opts.seed,
      kills: opts.kills,
      killsDuringStart,
      transactions: c.total,
      byTender: c.by,
      settlements: c.settled,
      operations,
      drains,
      violations,
      ms: performance.now() - started,
    };
  } finally {
    await host.close();
    await gateway.close();
    await printer.close();
    await office.close();
    if (violations.length === 0) tmp.remove();
    else log(`data directory kept for inspection: ${tmp.dir}`);
  }
}

export function summaryLine(s: FaultRunSummary): string {
  const tenders = Object.entries(s.byTender)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `faults: seed ${s.seed}, kills ${s.kills} (${s.killsDuringStart} during start-up/recovery), transactions ${s.transactions} (${tenders}), settlements ${s.settlements}, host ledger ${s.host.approved} approved/${s.host.reversed} reversed/${s.host.declined} declined, QR orders ${JSON.stringify(s.qrOrders)}, operations ${s.operations}, invariant violations ${s.violations.length}, ${(s.ms / 1000).toFixed(1)} s`;
}
