import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CRASH_POINT_ENV, CRASH_POINTS, type CrashPointName } from '../../main/core/crash-point';
import { tempDir } from '../support/core';
import { askTheBank } from './bank-check';
import { Driver, Lost, type JournalCall, type Outcome } from './driver';
import { census, checkInvariants } from './invariants';
import type { ChildConfig, ChildMessage, ParentCommand } from './protocol';
import { rng, type Rng } from './rng';
import { newCashier, startShift, step, type Cashier } from './workload';
import {
  armFaults,
  backOfficeIds,
  disarm,
  startWorld,
  stopWorld,
  TERMINAL,
  type Env,
} from './world';

/**
 * The crash-safety suite (issues 10, 14, 16). The terminal is the web shell
 * in a child process on a real SQLite file with the production password
 * cost; the parent drives it over the shell's WebSocket as the renderer would
 * (a cashier ringing baskets, holding and recalling them, paying by cash,
 * card — wrong PINs too — and QR, with the odd void, refund and settlement),
 * and journals every state-changing call with its answer. The acquirer host,
 * the QR gateway, the receipt printer and the back office run here, so their
 * records outlive every kill. Each round: arm some network faults (seeded),
 * start the terminal on the same data directory (it recovers), ask what
 * became of the calls whose answers the last kill lost, repeat one answered
 * call (it must answer the same and change nothing), work, and SIGKILL the
 * terminal — at a seeded instant, or from inside at a named crash point
 * (main/core/crash-point.ts) chosen by the seed. Then check the invariants
 * that hold at any instant; every `drainEvery` rounds and at the end, with
 * the network back, the terminal drains and the rest are checked too.
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
  /** Kills from inside, by crash point: armed (rounds that armed it) and hit. */
  crashPoints: Record<string, { armed: number; hit: number }>;
  /** Kills at a seeded time (including armed points not reached in time). */
  timedKills: number;
  transactions: number;
  byTender: Record<string, number>;
  orders: Record<string, number>;
  /** Split orders, abandons (finished) and returns by line (done). */
  issue15: ReturnType<typeof census>['issue15'];
  settlements: number;
  operations: number;
  /** State-changing calls answered, and lost ones by what app:outcome said after the restart. */
  calls: { answered: number; lost: Record<string, number>; repeated: number };
  /** Jobs the printer received again after a kill or a printer fault (at-least-once printing). */
  reprintedAfterFault: number;
  drains: number;
  host: { approved: number; reversed: number; declined: number; wrongPin: number };
  qrOrders: Record<string, number>;
  violations: string[];
  ms: number;
}

const ROOT = join(import.meta.dirname, '../..');

/**
 * The terminal process's code, bundled once per run (our sources in one file,
 * packages left to node_modules): a kill costs a restart, and loading the
 * sources through the TypeScript loader at every restart cost twice the CPU.
 */
async function bundleChild(): Promise<string> {
  const outfile = join(ROOT, 'node_modules/.cache/faults', `child-${process.pid}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Which crash point a round arms and at which hit; null: a kill at a seeded time. */
function chooseCrash(r: Rng): Crash | null {
  if (r.chance(0.35)) return null;
  const name = CRASH_POINTS[r.int(CRASH_POINTS.length)]!;
  const most = name.startsWith('commit:')
    ? 12
    : name === 'reply:before-send'
      ? 10
      : name.startsWith('outbox:')
        ? 2
        : 3;
  return { name, hits: 1 + r.int(most) };
}

type Crash = { name: CrashPointName; hits: number };

/** One round as planned from the seed: which process, armed how, killed when. */
interface Plan {
  label: string;
  cfg: Pick<ChildConfig, 'mode' | 'settleOpen'>;
  crash: Crash | null;
  /** The kill, from 'go' (during start-up) or from 'ready'; with a crash point armed, the fallback. */
  kill: { ms: number; fromReady: boolean } | null;
  /** The kill's number (work rounds). */
  kill_no?: number;
}

/** A terminal process, started ahead of its round (it waits for 'go'). */
interface Terminal {
  tell(c: ParentCommand): void;
  ready: Promise<(ChildMessage & { t: 'ready' }) | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  messages: ChildMessage[];
  stderr(): string;
  /** SIGKILL after `ms` (replacing an earlier timer). */
  killAfter(ms: number): void;
  timerArmed(): boolean;
}

function startTerminal(path: string, env: Env, plan: Plan, log: (line: string) => void): Terminal {
  const child = spawn(process.execPath, [path, JSON.stringify({ ...env.base, ...plan.cfg })], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      [CRASH_POINT_ENV]: plan.crash ? `${plan.crash.name}:${plan.crash.hits}` : '',
    },
  });
  child.stdin.on('error', () => undefined);
  let timer: NodeJS.Timeout | null = null;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-8000);
  });
  const messages: ChildMessage[] = [];
  let onReady: (m: (ChildMessage & { t: 'ready' }) | null) => void = () => undefined;
  const ready = new Promise<(ChildMessage & { t: 'ready' }) | null>((resolve) => {
    onReady = resolve;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    let m: ChildMessage;
    try {
      m = JSON.parse(line) as ChildMessage;
    } catch {
      return;
    }
    messages.push(m);
    if (m.t === 'ready') onReady(m);
    else if (m.t === 'log') log(`  terminal: ${m.text}`);
    else if (m.t === 'drained') log(`  drained ${JSON.stringify(m)}`);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (timer) clearTimeout(timer);
        onReady(null);
        resolve({ code, signal });
      });
    },
  );
  return {
    tell(c) {
      if (child.stdin.writable) child.stdin.write(`${JSON.stringify(c)}\n`);
    },
    ready,
    exited,
    messages,
    stderr: () => stderr,
    killAfter(ms) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => child.kill('SIGKILL'), ms);
    },
    timerArmed: () => timer !== null,
  };
}

interface RoundResult {
  /** False: the process finished on its own (a drain aimed at an outbox point that ended first). */
  killed: boolean;
  readyBeforeKill: boolean;
  crashHit: string | null;
  ops: string[];
}

/**
 * One round: the terminal opens the data directory (it recovers), the parent
 * connects, asks about lost answers, then works (until the kill) or lets it
 * drain (until it exits). `startNext` starts the next round's process once
 * this one is up, so loading its code overlaps this round's work.
 */
async function round(
  term: Terminal,
  plan: Plan,
  env: Env,
  opts: {
    journal: JournalCall[];
    cashier: Cashier;
    seed: number;
    log: (line: string) => void;
    violations: string[];
    counts: { repeated: number };
    startNext: () => void;
  },
): Promise<RoundResult> {
  const t0 = performance.now();
  term.tell({ t: 'go' });
  if (plan.kill && !plan.kill.fromReady) term.killAfter(plan.kill.ms);
  const ops: string[] = [];
  const hello = await term.ready;
  if (hello && plan.kill?.fromReady) term.killAfter(plan.kill.ms);
  opts.startNext();
  ops.push(`(ready ${Math.round(performance.now() - t0)} ms)`);
  let driver: Driver | null = null;
  if (hello) {
    try {
      driver = await Driver.connect(hello.port, hello.token, opts.journal, env.round);
      await askLost(driver, opts.journal, ops);
      if (plan.cfg.mode === 'work') {
        const point = plan.crash?.name;
        opts.cashier.aim =
          point === 'host:answered'
            ? 'card'
            : point === 'gateway:answered'
              ? 'qr'
              : point?.startsWith('print:')
                ? 'pay'
                : point?.startsWith('outbox:')
                  ? 'outbox'
                  : point === 'undo:step'
                    ? 'abandon'
                    : point?.startsWith('return:')
                      ? 'return'
                      : null;
        await startShift(opts.cashier, driver);
        if (await repeatOne(driver, opts.journal, env.round, ops, opts.violations))
          opts.counts.repeated += 1;
        const deps = {
          driver,
          cardholder: (id: string, pin: string) => term.tell({ t: 'card', id, pin }),
        };
        const r = rng(opts.seed * 100_003 + env.round);
        while (!driver.closed) {
          const done = await step(opts.cashier, r, deps);
          ops.push(`${done.op}=${done.ok ? '' : '!'}${done.detail ?? ''}`);
        }
      } else if (plan.cfg.mode === 'drain') {
        ops.push(...(await askTheBank(driver, env.host.ledger(), TERMINAL)));
        term.tell({ t: 'drain' });
      }
    } catch (err) {
      if (!(err instanceof Lost)) {
        ops.push(`error=${err instanceof Error ? err.message : String(err)}`);
        // Nothing more to do this round: let the kill (or the drain) come.
        if (plan.cfg.mode === 'work') term.killAfter(100);
      }
    }
  }
  const { code, signal } = await term.exited;
  driver?.close();
  if (!signal && code !== 0) {
    const fatal = term.messages.find((m) => m.t === 'log' && m.text.startsWith('fatal'));
    throw new Error(
      `terminal process (${plan.cfg.mode}) exited with ${code}: ${fatal?.t === 'log' ? fatal.text : term.stderr()}`,
    );
  }
  return {
    killed: signal !== null,
    readyBeforeKill: hello !== null,
    crashHit: /CRASH-POINT (\S+)/.exec(term.stderr())?.[1] ?? null,
    ops,
  };
}

/** After a restart: what became of each call whose answer was lost (as the renderer asks). */
async function askLost(d: Driver, journal: JournalCall[], ops: string[]) {
  for (const c of journal) {
    if (c.reply || (c.outcome && c.outcome.state !== 'running')) continue;
    const r = await d.call<Outcome>('app:outcome', { requestId: c.rid });
    if (!r.ok) throw new Error(`app:outcome refused: ${JSON.stringify(r.error)}`);
    c.outcome = r.value;
    ops.push(`lost ${c.channel}#${c.seq}→${r.value.state}`);
  }
}

/** Sends one answered basket call of the last round again with its request id: same answer, no change. */
async function repeatOne(
  d: Driver,
  journal: JournalCall[],
  now: number,
  ops: string[],
  violations: string[],
): Promise<boolean> {
  const last = journal.filter(
    (c) => c.reply && c.round === now - 1 && /^(order:|sale:cash)/.test(c.channel),
  );
  const c = last[last.length - 1];
  if (!c) return false;
  const again = await d.repeat(c);
  if (!again) throw new Lost(c.channel);
  ops.push(`repeat ${c.channel}#${c.seq}`);
  if (!isDeepStrictEqual(again, c.reply))
    violations.push(`${c.channel} #${c.seq} sent again with its request id answered differently`);
  return true;
}

export async function runFaults(opts: FaultRunOptions): Promise<FaultRunSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const drainEvery = opts.drainEvery ?? 25;
  const maxRoundMs = opts.maxRoundMs ?? 3000;
  const r = rng(opts.seed);
  const tmp = tempDir('pos-faults-');
  const child = await bundleChild();
  const env = await startWorld(tmp.dir);
  const journal: JournalCall[] = [];
  const cashier = newCashier();
  const violations: string[] = [];
  const crashPoints: FaultRunSummary['crashPoints'] = Object.fromEntries(
    CRASH_POINTS.map((p) => [p, { armed: 0, hit: 0 }]),
  );
  let operations = 0;
  let killsDuringStart = 0;
  let timedKills = 0;
  let drains = 0;
  const stats = { resent: 0 };
  const counts = { repeated: 0 };
  const check = (when: string, final: boolean) => {
    const w = {
      terminal: TERMINAL,
      ledger: env.host.ledger(),
      orders: env.gateway.orders(),
      backOffice: env.office.batches(),
      backOfficeLog: env.office.requests(),
      backOfficeIds: backOfficeIds(env),
      printed: env.printed,
      printerFaultRounds: env.printerFaultRounds,
      injected409: env.injected409,
      journal,
    };
    for (const v of checkInvariants(tmp.dir, w, final, stats)) {
      violations.push(`${when}: ${v}`);
      log(`VIOLATION ${when}: ${v}`);
    }
  };
  // The rounds as the seed plans them: a setup, the kills, a drain every `drainEvery` and at the end.
  const plans: Plan[] = [{ label: 'setup', cfg: { mode: 'setup' }, crash: null, kill: null }];
  const drainPlan = (label: string): Plan => ({
    label,
    cfg: { mode: 'drain', settleOpen: true },
    crash: null,
    kill: null,
  });
  const pr = rng(opts.seed * 7 + 1);
  for (let kill = 1; kill <= opts.kills; kill++) {
    const crash = chooseCrash(pr);
    const during = !crash && pr.chance(0.1);
    const ms = crash ? maxRoundMs + 2000 : during ? 100 + pr.int(1500) : 50 + pr.int(maxRoundMs);
    plans.push({
      label: `kill ${kill}/${opts.kills}`,
      // The outbox's crash points are aimed at a work round that settles often (each upload
      // is a delivery; reversals and QR cancels come with the payments): a drain round
      // rarely found anything left to deliver, and outbox:delivered was never reached.
      cfg: { mode: 'work' },
      crash,
      kill: { ms, fromReady: !during },
      kill_no: kill,
    });
    if (drainEvery > 0 && kill % drainEvery === 0 && kill < opts.kills)
      plans.push(drainPlan(`drain after kill ${kill}`));
  }
  plans.push(drainPlan('end'));
  const terms: Terminal[] = [];
  const termFor = (i: number) => (terms[i] ??= startTerminal(child, env, plans[i]!, log));
  const common = { journal, cashier, seed: opts.seed, log, violations, counts };
  try {
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      env.round = i;
      const killed = plan.kill_no !== undefined;
      const drained = plan.cfg.mode === 'drain' && !killed;
      const armed = killed ? armFaults(env, r) : [];
      // A delivery that goes through is what outbox:delivered waits for: the back office answers.
      if (plan.crash?.name === 'outbox:delivered') env.office.failNext(0);
      if (drained) {
        disarm(env);
        drains += 1;
      }
      if (plan.crash) crashPoints[plan.crash.name]!.armed += 1;
      const res = await round(termFor(i), plan, env, {
        ...common,
        startNext: () => {
          if (i + 1 < plans.length) termFor(i + 1);
        },
      });
      if (!killed) {
        if (drained) {
          log(`${plan.label}: ${res.ops.join(' ')}`);
          check(plan.label, true);
        }
        continue;
      }
      operations += res.ops.length;
      if (!res.readyBeforeKill) killsDuringStart += 1;
      if (res.crashHit) crashPoints[res.crashHit]!.hit += 1;
      else if (res.killed) timedKills += 1;
      const ms = plan.kill?.ms ?? 0;
      const how = !res.killed
        ? `not killed: the drain finished before ${plan.crash?.name}:${plan.crash?.hits}`
        : res.crashHit
          ? `at crash point ${res.crashHit} (hit ${plan.crash?.hits})`
          : `at ${ms} ms${plan.kill?.fromReady ? '' : ' from start'}${plan.crash ? ` (${plan.crash.name}:${plan.crash.hits} not reached)` : ''}`;
      log(
        `${plan.label} ${how}${armed.length ? ` [${armed.join(' ')}]` : ''}: ${res.ops.join(' ') || '(nothing done)'}`,
      );
      disarm(env);
      check(`after ${plan.label}`, false);
    }
    const c = census(tmp.dir);
    const ledger = env.host.ledger();
    const qrOrders: Record<string, number> = {};
    for (const o of env.gateway.orders()) qrOrders[o.status] = (qrOrders[o.status] ?? 0) + 1;
    const lost: Record<string, number> = {};
    for (const j of journal)
      if (!j.reply)
        lost[j.outcome?.state ?? 'unasked'] = (lost[j.outcome?.state ?? 'unasked'] ?? 0) + 1;
    return {
      host: {
        approved: ledger.filter((e) => e.state === 'approved').length,
        reversed: ledger.filter((e) => e.state === 'reversed').length,
        declined: ledger.filter((e) => e.state === 'declined').length,
        wrongPin: ledger.filter((e) => e.responseCode === '55').length,
      },
      qrOrders,
      seed: opts.seed,
      kills: opts.kills,
      killsDuringStart,
      crashPoints,
      timedKills,
      transactions: c.total,
      byTender: c.by,
      orders: c.orders,
      issue15: c.issue15,
      settlements: c.settled,
      operations,
      calls: { answered: journal.filter((j) => j.reply).length, lost, repeated: counts.repeated },
      reprintedAfterFault: stats.resent,
      drains,
      violations,
      ms: performance.now() - started,
    };
  } finally {
    // A process started ahead for a round that never came (a failure) goes too.
    for (const t of terms) t.killAfter(0);
    await Promise.all(terms.map((t) => t.exited));
    await stopWorld(env);
    rmSync(child, { force: true });
    if (violations.length === 0) tmp.remove();
    else log(`data directory kept for inspection: ${tmp.dir}`);
  }
}

export function summaryLine(s: FaultRunSummary): string {
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const points = Object.entries(s.crashPoints)
    .map(([k, v]) => `${k} ${v.hit}/${v.armed}`)
    .join(', ');
  return [
    `faults: seed ${s.seed}, kills ${s.kills} (${s.killsDuringStart} during start-up/recovery; ${s.timedKills} at a seeded time), ${(s.ms / 1000).toFixed(1)} s`,
    `  kills by crash point (hit/armed): ${points}`,
    `  calls answered ${s.calls.answered}, answers lost ${list(s.calls.lost) || '0'} (app:outcome after restart), repeated with the same id ${s.calls.repeated}; operations ${s.operations}`,
    `  transactions ${s.transactions} (${list(s.byTender)}), orders ${list(s.orders)}, settlements ${s.settlements}`,
    `  split orders ${s.issue15.split}, abandons ${s.issue15.abandonsFinished}/${s.issue15.abandoned} finished, returns ${s.issue15.returnsDone}/${s.issue15.returns} done`,
    `  host ledger ${s.host.approved} approved/${s.host.reversed} reversed/${s.host.declined} declined (${s.host.wrongPin} wrong PIN), QR orders ${JSON.stringify(s.qrOrders)}`,
    `  receipts printed again after a kill or printer fault ${s.reprintedAfterFault}; invariant violations ${s.violations.length}`,
  ].join('\n');
}
