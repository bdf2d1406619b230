/**
 * Payload generators for the IPC fuzz test: a small seeded PRNG, random
 * structured-clone values (what Electron IPC can carry; the web shell's JSON
 * is a subset), and mutations of a valid input. Everything is driven by the
 * one PRNG, so a seed replays the same payloads.
 */

/** mulberry32: a tiny 32-bit PRNG, good enough to drive a fuzzer, and reproducible. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    /** 0 … n−1 */
    int,
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[int(items.length)] as T;
    },
  };
}
export type Rng = ReturnType<typeof createRng>;

/** FUZZ_SEED (decimal or 0x…) repeats a run; otherwise a fresh seed, printed by the test. */
export function seedFromEnv(env: string | undefined, fresh: () => number): number {
  if (env === undefined || env.trim() === '') return fresh() >>> 0;
  const n = Number(env.trim());
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new Error(`FUZZ_SEED must be an integer 0 … 2^32−1, got ${env}`);
  return n;
}

export const NASTY_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  0.1 + 0.2,
  NaN,
  Infinity,
  -Infinity,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.EPSILON,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 63,
  1e21,
  1e308,
  9,
  10,
  100,
  101,
  200,
  201,
  300,
  301,
  9999,
  10000,
  65535,
  65536,
  99_999_999,
  100_000_000,
  999_999_990,
  999_999_991,
];

export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'then',
  "' OR '1'='1",
  '1; DROP TABLE transactions; --',
  '"); DELETE FROM operators; --',
  "000001' OR 1=1 --",
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\system32\\config\\sam',
  '/dev/zero',
  'file:///etc/passwd',
  '\\\\server\\share\\x',
  'C:\\',
  '%s%s%s%n',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '\uD800',
  '\uDFFF',
  '😀',
  '👨‍👩‍👧‍👦',
  '收银台测试便利店',
  '\u202Eabc',
  '\u200B',
  '\uFEFF',
  'ＡＢＣ',
  '１２３４５６',
  '٠١٢٣٤٥',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  '00',
  '01',
  '02',
  '42',
  '99',
  '0000',
  '1357',
  '123456',
  '654321',
  '12345678',
  '87654321',
  '000001',
  '000000',
  '999999',
  '123456789012',
  '2026-11-24',
  '2026-02-30',
  'T0000001',
  't0000001',
  '898310148160001',
  '8983101481600011',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '{"__proto__":{"admin":true}}',
  ' 1 ',
  '1.5',
  '-1',
  'https://example.com',
  'https://',
  'http://127.0.0.1:1/',
  'http://192.168.1.20:8090',
  'javascript:alert(1)',
  '127.0.0.1:9100',
  'localhost:0',
  'localhost:65536',
  'bad host!:1',
  '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
  '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
  '0123456789ABCDEF0123456789ABCDEF',
  '0123 4567 89AB CDEF 0123 4567 89AB CDEF',
  '6000030000',
  '603100000000',
  'enter',
  'cancel',
  'clear',
  'virtual',
  'tcp',
  'wechat',
  'approve',
  'wechat-success',
  '134567890123456789',
  '284567890123456789',
  '6212345678901234567',
  'A'.repeat(33),
  'A'.repeat(41),
  '9'.repeat(65),
];

const KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'then',
  '',
  ' ',
  '0',
  'length',
  'role',
  'session',
  'operatorNo',
  'admin',
  'sql',
  '收银',
  'a.b',
  'items',
  'amountFen',
  'id',
];

/** Sets a key as an own, enumerable property, even `__proto__` (as JSON.parse does). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function longString(rng: Rng): string {
  const unit = rng.pick(['x', '9', '收', '😀', '\u0000', 'ab ', '<>', "'"]);
  const length = rng.pick([64, 256, 4_096, 70_000, 1_100_000]);
  return unit.repeat(Math.ceil(length / unit.length));
}

export function randomString(rng: Rng): string {
  const r = rng.next();
  if (r < 0.55) return rng.pick(NASTY_STRINGS);
  if (r < 0.62) return longString(rng);
  let s = '';
  const n = rng.int(24);
  for (let i = 0; i < n; i++) {
    s += rng.chance(0.8)
      ? String.fromCharCode(32 + rng.int(95))
      : String.fromCodePoint(rng.int(0x2ffff));
  }
  return s;
}

export function randomNumber(rng: Rng): number {
  const r = rng.next();
  if (r < 0.6) return rng.pick(NASTY_NUMBERS);
  if (r < 0.8) return rng.int(2_000) - 1_000;
  if (r < 0.9) return (rng.next() - 0.5) * 10 ** rng.int(20);
  return rng.int(2 ** 31) * (rng.chance(0.5) ? 1 : -1);
}

function deeplyNested(rng: Rng): unknown {
  const depth = rng.pick([50, 1_000, 20_000]);
  let v: unknown = rng.chance(0.5) ? 1 : {};
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { a: v };
  return v;
}

/**
 * A random value. `keys` are the field names of the channel's valid input, so
 * random objects often have the right keys with the wrong values.
 */
export function randomValue(rng: Rng, keys: readonly string[] = [], depth = 0): unknown {
  const leafOnly = depth >= 4;
  const r = rng.int(leafOnly ? 6 : 16);
  switch (r) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return rng.chance(0.5);
    case 3:
      return randomNumber(rng);
    case 4:
    case 5:
      return randomString(rng);
    case 6:
    case 7: {
      const n = depth === 0 && rng.chance(0.05) ? 5_000 : rng.int(6);
      const arr: unknown[] = [];
      for (let i = 0; i < n; i++) arr.push(n > 50 ? i : randomValue(rng, keys, depth + 1));
      if (rng.chance(0.1)) arr[rng.int(20) + n] = 1; // sparse
      return arr;
    }
    case 8:
    case 9:
    case 10:
    case 11:
      return randomObject(rng, keys, depth);
    case 12:
      // Deep nesting only at the top: mutations walk the values they build.
      return depth === 0 ? deeplyNested(rng) : rng.int(10);
    case 13:
      return rng.pick([
        () => BigInt(rng.int(1000)) * 10n ** 30n,
        () => new Date(rng.pick([0, NaN, 8.64e15, Date.now()])),
        () => new Map([['amountFen', 100]]),
        () => new Set([1, 2]),
        () => new Uint8Array(rng.int(64)),
        () => new ArrayBuffer(8),
        () => /a+$/,
        () => new Error('boom'),
        () => Object.create(null) as unknown,
      ])();
    case 14: {
      // Structured clone keeps cycles: an object that contains itself (top level only).
      if (depth > 0) return randomString(rng);
      const o: Record<string, unknown> = randomObject(rng, keys, depth);
      o[rng.pick(keys.length ? keys : ['self'])] = o;
      return o;
    }
    default: {
      // What JSON.parse makes of hostile text: own `__proto__` keys included.
      return JSON.parse(
        rng.pick([
          '{"__proto__":{"role":"admin"}}',
          '{"constructor":{"prototype":{"polluted":1}}}',
          '[{"__proto__":null}]',
          '{"amountFen":1e400}',
          // Own non-callable toString/valueOf: the object has no primitive value.
          '{"toString":1,"valueOf":2}',
          '{"length":{"toString":1}}',
          '{"length":{"valueOf":null,"toString":[]}}',
        ]),
      ) as unknown;
    }
  }
}

function randomObject(rng: Rng, keys: readonly string[], depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = rng.chance(0.1)
    ? (Object.create(null) as Record<string, unknown>)
    : {};
  const n = rng.int(6);
  for (let i = 0; i < n; i++) {
    const key =
      keys.length > 0 && rng.chance(0.6)
        ? rng.pick(keys)
        : rng.chance(0.7)
          ? rng.pick(KEYS)
          : randomString(rng).slice(0, 40);
    setOwn(o, key, randomValue(rng, keys, depth + 1));
  }
  return o;
}

type Path = Array<string | number>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every node of the arrays and plain objects of a value, with its path (the root is []). */
function nodes(value: unknown, path: Path = []): Array<{ path: Path; value: unknown }> {
  const out = [{ path, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...path, i])));
  else if (isPlainObject(value))
    for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...path, k]));
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | null {
  let cur: unknown = root;
  for (const k of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[k];
  return cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>) : null;
}

function differentType(rng: Rng, old: unknown, keys: readonly string[]): unknown {
  for (;;) {
    const v = randomValue(rng, keys, 3);
    if (typeof v !== typeof old || Array.isArray(v) !== Array.isArray(old) || v === null) return v;
  }
}

/** A value of the same type, near or past the usual limits (may happen to be valid). */
function outOfRange(rng: Rng, old: unknown): unknown {
  if (typeof old === 'number') {
    return rng.pick([
      () => rng.pick(NASTY_NUMBERS),
      () => old + rng.pick([-1, 1, 0.5, -0.001]),
      () => -old,
      () => old * rng.pick([10, 1000, 1e9]),
      () => 0,
    ])();
  }
  if (typeof old === 'string') {
    return rng.pick([
      () => rng.pick(NASTY_STRINGS),
      () => old + rng.pick(['0', 'x', ' ', '\u0000', '収', '٠']),
      () => old.slice(1),
      () => old.toLowerCase(),
      () => ` ${old}\n`,
      () => old.replace(/\d/, rng.pick(['１', 'a', '٠', '-'])),
      () => old.repeat(Math.max(1, Math.min(rng.pick([2, 50, 10_000]), 2e6 / (old.length + 1)))),
      () => '',
    ])();
  }
  if (Array.isArray(old)) {
    return rng.pick([
      () => [],
      () => old.slice(0, 1),
      () => [...old, ...old],
      () => Array.from({ length: rng.pick([4, 201, 3_000]) }, () => old[0] as unknown),
    ])();
  }
  if (typeof old === 'boolean') return rng.pick([0, 1, 'true', 'false', null]);
  return rng.pick([{}, [], null]);
}

/** One to three mutations of a copy of a valid input: drop, wrong type, out of range, extra key. */
export function mutate(rng: Rng, valid: unknown, keys: readonly string[]): unknown {
  const whole = rng.int(12);
  if (whole === 0)
    return rng.pick([
      () => JSON.stringify(valid),
      () => [valid],
      () => ({ input: valid }),
      () => ({ ...(valid as object), ...(valid as object), extra: valid }),
    ])();

  const root = structuredClone(valid);
  const ops = 1 + rng.int(3);
  for (let i = 0; i < ops; i++) {
    const all = nodes(root);
    const inner = all.filter((n) => n.path.length > 0);
    const objects = all.filter((n) => isPlainObject(n.value));
    const op = rng.int(4);
    if (op === 0 && inner.length > 0) {
      const { path } = rng.pick(inner);
      const parent = parentOf(root, path);
      const key = path.at(-1) as string | number;
      if (parent && Array.isArray(parent)) parent.splice(key as number, 1);
      else if (parent) delete parent[key];
    } else if (op === 1 && inner.length > 0) {
      const { path, value } = rng.pick(inner);
      const parent = parentOf(root, path);
      if (parent) parent[path.at(-1) as string | number] = differentType(rng, value, keys);
    } else if (op === 2 && inner.length > 0) {
      const { path, value } = rng.pick(inner);
      const parent = parentOf(root, path);
      if (parent) parent[path.at(-1) as string | number] = outOfRange(rng, value);
    } else if (objects.length > 0) {
      const { value } = rng.pick(objects);
      const key = rng.chance(0.5) ? rng.pick(KEYS) : randomString(rng).slice(0, 20);
      setOwn(value as Record<string, unknown>, key, randomValue(rng, keys, 2));
    }
  }
  return root;
}

/** Top-level field names of a valid input, and those of objects nested in it. */
export function fieldNames(valid: unknown): string[] {
  const names = new Set<string>();
  for (const n of nodes(valid)) {
    const last = n.path.at(-1);
    if (typeof last === 'string') names.add(last);
  }
  return [...names];
}

/** Channel names that are not in the contract, and channels that are not strings at all. */
export function unknownChannel(rng: Rng, known: readonly string[]): unknown {
  const real = rng.pick(known);
  return rng.pick<() => unknown>([
    () => rng.pick(NASTY_STRINGS),
    () => randomString(rng),
    () => real.toUpperCase(),
    () => ` ${real}`,
    () => `${real}\u0000`,
    () => `${real}:x`,
    () => real.split(':')[0],
    () => `:${real.split(':')[1] ?? ''}`,
    () => real.replace(':', '.'),
    () => rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:__proto__']),
    () => randomNumber(rng),
    () => rng.pick([null, undefined, true, false, 0, [], {}, [real], { channel: real }]),
    () => new String(real),
  ])();
}

/** A short, safe description of any payload for failure messages (cycles, BigInt, huge values). */
export function describeValue(value: unknown, depth = 0, seen = new Set<unknown>()): string {
  if (typeof value === 'string')
    return value.length > 60
      ? `${JSON.stringify(value.slice(0, 40))}…(${value.length} chars)`
      : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '<cycle>';
  if (depth > 3) return Array.isArray(value) ? '[…]' : '{…}';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.slice(0, 5).map((v) => describeValue(v, depth + 1, seen));
      return `[${items.join(', ')}${value.length > 5 ? `, …(${value.length})` : ''}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      return `<${(value as object).constructor?.name ?? 'object'}>`;
    const entries = Object.entries(value);
    const shown = entries
      .slice(0, 8)
      .map(([k, v]) => `${JSON.stringify(k)}: ${describeValue(v, depth + 1, seen)}`);
    return `{${shown.join(', ')}${entries.length > 8 ? ', …' : ''}}`;
  } finally {
    seen.delete(value);
  }
}
