/**
 * IPC fuzz (issue 7): thousands of random and malformed payloads, seeded, to
 * every contract channel through the real path (core.dispatch: contract
 * validation, role check, handler, output check) — plus unknown and non-string
 * channel names — in four session states: signed out, cashier, supervisor,
 * administrator.
 *
 * Every answer must be `{ok: false, error}` with a contract error code, never
 * INTERNAL, and nothing may change: every SQLite table, the settings and the
 * session are compared after each channel's batch.
 *
 * What is sent, and why (so a valid call never legitimately changes state):
 * - any input, in a session the role check refuses → must be NOT_SIGNED_IN
 *   or FORBIDDEN (with the role), whatever the input: the router checks the
 *   role before it looks at the input (issue 16), and no handler runs;
 * - input the channel's schema refuses, from a caller with the role → must
 *   be INVALID_INPUT;
 * - input the schema accepts on a read-only channel (READ_ONLY in
 *   examples.ts) → any answer but INTERNAL, a successful one included;
 * - input the schema accepts on any other channel, in a session allowed to
 *   call it: not sent (a sale, a wrong password counted, a sign-off…); these
 *   are counted and printed as "skipped".
 * Whether the schema accepts a payload is asked of the contract schema itself.
 *
 * The audit log is the one table that may grow: exactly one row per refusal
 * — `access.forbidden` naming the session's operator, the channel and the
 * role; `access.notSignedIn` and `access.unknownChannel` naming the channel
 * (cut to 80 characters, card-number-like digit runs masked). Nothing else (no `signin.failed`: sign-in and password
 * channels only ever get input their schema refuses, or none at all when
 * signed in — they are public).
 *
 * FUZZ_SEED=<n> repeats a run (the seed is printed); FUZZ_PER_CHANNEL=<n>
 * changes how many payloads each channel gets per session state.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ERROR_CODES,
  PosError,
  listChannels,
  type ChannelSpec,
  type Role,
  type Session,
} from '../../../preload/contract';
import { ACCESS } from '../../../main/api/access';
import { redact } from '../../../main/core/logger';
import type { PosCore } from '../../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../../support/core';
import { READ_ONLY, VALID_EXAMPLES } from './examples';
import {
  createRng,
  describeValue,
  fieldNames,
  mutate,
  randomValue,
  seedFromEnv,
  unknownChannel,
  type Rng,
} from './generators';

const SEED = seedFromEnv(process.env.FUZZ_SEED, () => randomBytes(4).readUInt32LE(0));
const PER_CHANNEL = Number(process.env.FUZZ_PER_CHANNEL ?? 120);
const UNKNOWN_PER_STATE = 200;
const MIN_CASES = 10_000;
/** A dispatch that takes longer than this is reported as hanging. */
const HANG_MS = 10_000;

const STATES: ReadonlyArray<{
  name: string;
  signIn: { operatorNo: string; password: string } | null;
  role: Role | null;
}> = [
  { name: 'signed out', signIn: null, role: null },
  { name: 'cashier', signIn: { operatorNo: '01', password: '1357' }, role: 'cashier' },
  { name: 'supervisor', signIn: { operatorNo: '00', password: '654321' }, role: 'supervisor' },
  { name: 'admin', signIn: { operatorNo: '99', password: '87654321' }, role: 'admin' },
];

const CHANNELS = listChannels();
const KNOWN_CODES = new Set<string>(ERROR_CODES);

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
const rng: Rng = createRng(SEED);
const totals = { sent: 0, skipped: 0, unknown: 0, handled: 0, forbidden: 0 };
const started = Date.now();

type Refusal =
  | { kind: 'refused'; code: 'NOT_SIGNED_IN' }
  /** `role`: the caller's, named in the error; absent for a channel missing from ACCESS. */
  | { kind: 'refused'; code: 'FORBIDDEN'; role?: Role };

/** What the role check answers this role on this channel (ACCESS), or null when it lets it through. */
function refusal(channel: string, role: Role | null): Refusal | null {
  const access = ACCESS[channel];
  if (access === undefined) return { kind: 'refused', code: 'FORBIDDEN' };
  if (access === 'public') return null;
  if (role === null) return { kind: 'refused', code: 'NOT_SIGNED_IN' };
  if (access === 'signed-in' || access.includes(role)) return null;
  return { kind: 'refused', code: 'FORBIDDEN', role };
}

/** Whether the contract schema accepts the payload (a throwing schema counts as refusing). */
function accepts(spec: ChannelSpec, payload: unknown): boolean {
  try {
    return spec.input.safeParse(payload).success;
  } catch {
    return false;
  }
}

interface Snapshot {
  tables: Record<string, string[]>;
  auditMaxId: number;
  settings: string;
  settingsFile: string;
}

function snapshot(): Snapshot {
  const db = core.internals.db;
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables: Record<string, string[]> = {};
  for (const name of names) {
    if (name === 'audit_log') continue;
    // Closed days' report folds: a cache any report read may fill (migration 017; its
    // rules are tested in tests/integration/reports/sales-report.test.ts).
    if (name === 'sales_day_folds') continue;
    let rows = db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>;
    if (name === 'sqlite_sequence') rows = rows.filter((r) => r.name !== 'audit_log');
    tables[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  let settingsFile: string;
  try {
    settingsFile = readFileSync(join(tmp.dir, 'terminal.json'), 'utf8');
  } catch {
    settingsFile = '(none)';
  }
  return {
    tables,
    auditMaxId: db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number,
    settings: JSON.stringify(core.internals.settings.get()),
    settingsFile,
  };
}

/** What changed between two snapshots, besides the audit rows the caller checks. */
function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  for (const name of names) {
    const a = before.tables[name] ?? [];
    const b = after.tables[name] ?? [];
    if (a.length === b.length && a.every((row, i) => row === b[i])) continue;
    const added = b.filter((row) => !a.includes(row)).slice(0, 2);
    const removed = a.filter((row) => !b.includes(row)).slice(0, 2);
    out.push(
      `table ${name}: ${a.length} → ${b.length} rows; new ${added.join(' ')}; gone ${removed.join(' ')}`.slice(
        0,
        600,
      ),
    );
  }
  if (before.settings !== after.settings) out.push('settings changed');
  if (before.settingsFile !== after.settingsFile) out.push('terminal.json changed');
  return out;
}

function newAuditRows(sinceId: number) {
  return core.internals.db
    .prepare('SELECT id, operator_no, action, detail FROM audit_log WHERE id > ? ORDER BY id')
    .all(sinceId) as Array<{
    id: number;
    operator_no: string | null;
    action: string;
    detail: string;
  }>;
}

function stackOf(e: unknown): string {
  return e instanceof Error
    ? (e.stack ?? String(e)).split('\n').slice(0, 4).join(' | ')
    : String(e);
}

async function dispatchWithin(channel: unknown, payload: unknown): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([core.dispatch(channel as string, payload), hang]);
  } finally {
    clearTimeout(timer);
  }
}

type Expectation = { kind: 'invalid' } | Refusal | { kind: 'handler' } | { kind: 'unknown' };

/** Problems with one answer; [] when it is what the contract promises. */
function judge(answer: unknown, expected: Expectation): string[] {
  if (answer === null || typeof answer !== 'object') return [`answer is not an object`];
  const a = answer as { ok?: unknown; value?: unknown; error?: unknown };
  try {
    structuredClone(answer);
    JSON.stringify(answer);
  } catch (e) {
    return [`answer cannot cross the process boundary: ${String(e)}`];
  }
  if (a.ok === true) {
    return expected.kind === 'handler' ? [] : [`ok: true where ${expected.kind} was expected`];
  }
  if (a.ok !== false) return ['answer has no ok: true|false'];
  const parsed = PosError.safeParse(a.error);
  if (!parsed.success) return [`error breaks the contract: ${describeValue(a.error)}`];
  const error = parsed.data;
  if (!KNOWN_CODES.has(error.code)) return [`unknown error code ${error.code}`];
  if (error.code === 'INTERNAL') return ['INTERNAL'];
  switch (expected.kind) {
    case 'invalid':
      if (error.code !== 'INVALID_INPUT') return [`${error.code} where INVALID_INPUT was expected`];
      if (!error.fields?.length) return ['INVALID_INPUT without fields'];
      return [];
    case 'refused':
      if (error.code !== expected.code)
        return [`${error.code} where ${expected.code} was expected`];
      if (expected.code === 'FORBIDDEN' && error.params?.role !== expected.role)
        return [`FORBIDDEN names role ${String(error.params?.role)}, not ${expected.role}`];
      return [];
    case 'unknown':
      return error.code === 'UNKNOWN_CHANNEL' ? [] : [`${error.code} for an unknown channel`];
    case 'handler':
      return error.code === 'UNKNOWN_CHANNEL' ? ['UNKNOWN_CHANNEL for a contract channel'] : [];
  }
}

async function enter(state: (typeof STATES)[number]): Promise<Session | null> {
  await signOff(core);
  if (state.signIn) {
    const r = await ok<{ status: string }>(core, 'auth:signIn', state.signIn);
    expect(r.status).toBe('signed-in');
  }
  const { session } = await ok<{ session: Session | null }>(core, 'auth:session');
  expect(session?.role ?? null).toBe(state.role);
  return session;
}

beforeAll(async () => {
  console.log(`ipc-fuzz seed ${SEED} (repeat with FUZZ_SEED=${SEED})`);
  tmp = tempDir('pos-fuzz-');
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
  // Something for the read-only channels to find: one cash sale and its receipt.
  await ok(core, 'sale:cash', {
    items: [{ name: '矿泉水', quantity: 2, unitPriceFen: 150 }],
    tenderedFen: 500,
  });
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '654321',
    confirmPassword: '654321',
  });
  await signOff(core);
  // The receipt prints in the background: wait until nothing is left to print.
  await vi.waitFor(
    () => {
      const open = core.internals.db
        .prepare("SELECT count(*) FROM print_jobs WHERE state IN ('queued', 'printing', 'waiting')")
        .pluck()
        .get();
      expect(open).toBe(0);
    },
    { timeout: 10_000, interval: 20 },
  );
}, 60_000);

afterAll(async () => {
  await core?.close();
  tmp?.remove();
  console.log(
    `ipc-fuzz seed ${SEED}: ${totals.sent} payloads sent (${totals.unknown} to unknown channels, ` +
      `${totals.handled} reached a read-only handler, ${totals.forbidden} refusals audited), ` +
      `${totals.skipped} valid ones skipped, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

describe(`IPC fuzz (seed ${SEED})`, () => {
  it('has a valid example for every contract channel', () => {
    const missing = CHANNELS.map(([name]) => name).filter((n) => !(n in VALID_EXAMPLES));
    expect(missing, 'add a valid input for each new channel to examples.ts').toEqual([]);
    for (const [name, spec] of CHANNELS) {
      const r = spec.input.safeParse(VALID_EXAMPLES[name]);
      expect(r.success, `${name}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });

  for (const state of STATES) {
    it(`${state.name}: every channel refuses garbage, nothing changes`, async () => {
      const session = await enter(state);
      const sessionJson = JSON.stringify(session);
      const failures: string[] = [];
      let failureCount = 0;
      const fail = (channel: unknown, payload: unknown, problem: string) => {
        failureCount++;
        if (failures.length < 40)
          failures.push(
            `[${state.name}] ${describeValue(channel)} ← ${describeValue(payload)}: ${problem}`,
          );
      };
      let base = snapshot();

      for (const [name, spec] of CHANNELS) {
        const example = VALID_EXAMPLES[name] ?? {};
        const keys = fieldNames(example);
        const refused = refusal(name, state.role);
        let forbidden = 0;
        for (let i = 0; i < PER_CHANNEL; i++) {
          const payload =
            i === 0
              ? example
              : rng.chance(0.45)
                ? randomValue(rng, keys)
                : mutate(rng, example, keys);
          let expected: Expectation;
          if (refused) expected = refused;
          else if (!accepts(spec, payload)) expected = { kind: 'invalid' };
          else if (READ_ONLY.has(name)) expected = { kind: 'handler' };
          else {
            totals.skipped++;
            continue;
          }
          totals.sent++;
          if (expected.kind === 'handler') totals.handled++;
          // Every refusal is audited.
          if (expected.kind === 'refused') forbidden++;
          let answer: unknown;
          try {
            answer = await dispatchWithin(name, payload);
          } catch (e) {
            fail(name, payload, `dispatch threw: ${stackOf(e)}`);
            continue;
          }
          for (const problem of judge(answer, expected)) fail(name, payload, problem);
        }
        totals.forbidden += forbidden;

        // Nothing changed but the audit rows of the FORBIDDEN answers.
        const after = snapshot();
        for (const change of changes(base, after)) fail(name, '(after its batch)', change);
        const audit = newAuditRows(base.auditMaxId);
        const unexpected = audit.filter((r) =>
          refused?.code === 'FORBIDDEN'
            ? r.action !== 'access.forbidden' ||
              r.operator_no !== (session?.operatorNo ?? null) ||
              r.detail !== JSON.stringify({ channel: name, role: state.role })
            : r.action !== 'access.notSignedIn' ||
              r.operator_no !== null ||
              r.detail !== JSON.stringify({ channel: name }),
        );
        if (unexpected.length > 0 || audit.length !== forbidden)
          fail(
            name,
            '(after its batch)',
            `audit: ${audit.length} new rows for ${forbidden} refusals; unexpected ${JSON.stringify(unexpected.slice(0, 3))}`,
          );
        const now = await ok<{ session: Session | null }>(core, 'auth:session');
        if (JSON.stringify(now.session) !== sessionJson)
          fail(name, '(after its batch)', `session changed to ${JSON.stringify(now.session)}`);
        base = after;
      }

      const known = CHANNELS.map(([name]) => name);
      const unknownSent: unknown[] = [];
      for (let i = 0; i < UNKNOWN_PER_STATE; i++) {
        const channel = unknownChannel(rng, known);
        if (typeof channel === 'string' && known.includes(channel)) continue;
        const payload = rng.chance(0.5) ? {} : randomValue(rng);
        totals.sent++;
        totals.unknown++;
        unknownSent.push(channel);
        try {
          const answer = await dispatchWithin(channel, payload);
          for (const problem of judge(answer, { kind: 'unknown' })) fail(channel, payload, problem);
        } catch (e) {
          fail(channel, payload, `dispatch threw: ${stackOf(e)}`);
        }
      }
      for (const change of changes(base, snapshot())) fail('(unknown channels)', '', change);
      const unknownAudit = newAuditRows(base.auditMaxId);
      const expectedAudit = unknownSent.map((c) =>
        JSON.stringify({
          // Digit runs that could be card numbers are stored first 6 / last 4 (router.ts).
          channel: typeof c === 'string' ? redact(c.slice(0, 200)).slice(0, 80) : `(${typeof c})`,
        }),
      );
      if (
        unknownAudit.length !== unknownSent.length ||
        unknownAudit.some(
          (r, i) =>
            r.action !== 'access.unknownChannel' ||
            r.operator_no !== (session?.operatorNo ?? null) ||
            r.detail !== expectedAudit[i],
        )
      )
        fail(
          '(unknown channels)',
          '',
          `audit: ${unknownAudit.length} rows for ${unknownSent.length} unknown channels`,
        );

      // Hostile keys (`__proto__`, `constructor`) must not have reached a prototype.
      const probe: Record<string, unknown> = {};
      if ('polluted' in probe || 'admin' in probe || 'role' in probe)
        fail('(any)', '', 'Object.prototype was polluted');

      expect(failures, `seed ${SEED}: ${failureCount} failures`).toEqual([]);
    }, 120_000);
  }

  it.skipIf(process.env.FUZZ_PER_CHANNEL !== undefined)(
    `sent at least ${MIN_CASES} payloads`,
    () => {
      expect(totals.sent).toBeGreaterThanOrEqual(MIN_CASES);
    },
  );
});
