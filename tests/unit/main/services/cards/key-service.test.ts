import { Buffer } from 'node:buffer';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../../../main/core/clock';
import {
  createRepositories,
  openDatabase,
  type Db,
  type Repositories,
} from '../../../../../main/db';
import { PosFailure } from '../../../../../main/domain/errors';
import { checkValue, tdesEcbEncrypt } from '../../../../../main/host/crypto';
import { TRAINING_TMK_HEX } from '../../../../../main/host/training/training-keys';
import {
  keyFileSecretBox,
  SecretBoxError,
  type ManagedSecretBox,
} from '../../../../../main/secrets/secret-box';
import { createKeyService, type KeyService } from '../../../../../main/services/cards/key-service';
import { confEngine } from '../../../../../main/settings/conf-engine';
import { openSettings, type SettingsStore } from '../../../../../main/settings/store';
import { tempDir } from '../../../../support/core';

const T0 = Date.parse('2026-11-24T09:30:00+08:00');

// Three components as a technician's sheet has them, and the key they make.
const C1 = '0123456789ABCDEF0123456789ABCDEF';
const C2 = 'FEDCBA9876543210F0E1D2C3B4A59687';
const C3 = '11111111222222223333333344444445';
/** One hex digit short. */
const SHORT = C3.slice(0, 31);

function xor(...hex: string[]): Buffer {
  const out = Buffer.alloc(16);
  for (const h of hex) {
    const b = Buffer.from(h, 'hex');
    for (let i = 0; i < 16; i++) out[i] = (out[i] ?? 0) ^ (b[i] ?? 0);
  }
  return out;
}

const TMK2 = xor(C1, C2);
const TMK3 = xor(C1, C2, C3);
const TRAINING_TMK = Buffer.from(TRAINING_TMK_HEX, 'hex');

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let repos: Repositories;
let settings: SettingsStore;
let secretBox: ManagedSecretBox;
let clock: ReturnType<typeof manualClock>;
let keys: KeyService;

beforeEach(() => {
  tmp = tempDir('pos-keys-');
  db = openDatabase(join(tmp.dir, 'pos.sqlite'));
  repos = createRepositories(db);
  settings = openSettings(confEngine(tmp.dir), () => new Date(T0));
  secretBox = keyFileSecretBox(join(tmp.dir, 'secret.key'));
  clock = manualClock(T0);
  keys = createKeyService({ repos, secretBox, clock, settings });
});

afterEach(() => {
  db.close();
  tmp.remove();
});

/** Leaves training mode: a real acquirer host is configured. */
function goLive() {
  const p = settings.get();
  settings.save({ ...p, host: { ...p.host, address: '10.1.2.3:5000' } });
}

function failure(fn: () => unknown): PosFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof PosFailure) return err;
    throw err;
  }
  throw new Error('expected a PosFailure');
}

const secretsRows = () =>
  db.prepare('SELECT name, sealed, check_value, updated_at FROM secrets').all() as Array<{
    name: string;
    sealed: Buffer;
    check_value: string | null;
    updated_at: number;
  }>;

describe('key service: the secret box it is given', () => {
  it.skipIf(process.platform === 'win32')('keeps its key file readable by the owner only', () => {
    const mode = statSync(join(tmp.dir, 'secret.key')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(statSync(join(tmp.dir, 'secret.key')).size).toBe(32);
    expect(secretBox.kind).toBe('key-file');
  });
});

describe('key service: status and the key in use', () => {
  it('in training mode without an injected key, uses the published training key', () => {
    expect(keys.status()).toEqual({
      source: 'training-default',
      checkValue: checkValue(TRAINING_TMK),
    });
    expect(keys.tmk()).toEqual(TRAINING_TMK);
    expect(secretsRows()).toEqual([]);
  });

  it('with a real host and no injected key, has no key at all', () => {
    goLive();
    expect(keys.status()).toEqual({ source: 'none', checkValue: null });
    expect(keys.tmk()).toBeNull();
  });

  it('after injection reports the injected key by its check value only', () => {
    goLive();
    keys.inject([C1, C2], '99');
    const status = keys.status();
    expect(status).toEqual({ source: 'injected', checkValue: checkValue(TMK2) });
    expect(status.checkValue).toMatch(/^[0-9A-F]{8}$/);
    expect(keys.tmk()).toEqual(TMK2);
  });

  it('an injected key takes precedence over the training key', () => {
    keys.inject([C1, C2], '99');
    expect(keys.status().source).toBe('injected');
    expect(keys.tmk()).toEqual(TMK2);
    expect(keys.tmk()).not.toEqual(TRAINING_TMK);
  });

  it('the injected key survives a restart (new service, same database and key file)', () => {
    goLive();
    keys.inject([C1, C2, C3], '99');
    const again = createKeyService({
      repos: createRepositories(db),
      secretBox: keyFileSecretBox(join(tmp.dir, 'secret.key')),
      clock,
      settings,
    });
    expect(again.status()).toEqual({ source: 'injected', checkValue: checkValue(TMK3) });
    expect(again.tmk()).toEqual(TMK3);
  });
});

describe('key service: injecting the TMK', () => {
  it('XORs two components into the key and returns only its check value', () => {
    goLive();
    const result = keys.inject([C1, C2], '99');
    expect(result).toEqual({ source: 'injected', checkValue: checkValue(TMK2) });
    expect(Object.keys(result).sort()).toEqual(['checkValue', 'source']);
    expect(JSON.stringify(result)).not.toContain(TMK2.toString('hex').toUpperCase());
    // The key works as a TMK: it decrypts what was encrypted under the XOR of the components.
    const tmk = keys.tmk();
    expect(tmk).not.toBeNull();
    expect(tdesEcbEncrypt(tmk ?? Buffer.alloc(16), Buffer.alloc(8))).toEqual(
      tdesEcbEncrypt(TMK2, Buffer.alloc(8)),
    );
  });

  it('XORs three components', () => {
    goLive();
    expect(keys.inject([C1, C2, C3], '99')).toEqual({
      source: 'injected',
      checkValue: checkValue(TMK3),
    });
    expect(keys.tmk()).toEqual(TMK3);
    expect(checkValue(TMK3)).not.toBe(checkValue(TMK2));
  });

  it('accepts components in lower case and typed in groups', () => {
    goLive();
    const grouped = (h: string) => h.toLowerCase().replace(/(.{4})(?!$)/g, '$1 ');
    expect(grouped(C1)).toBe('0123 4567 89ab cdef 0123 4567 89ab cdef');
    expect(keys.inject([grouped(C1), grouped(C2)], '99').checkValue).toBe(checkValue(TMK2));
  });

  it('stores the key sealed: the secrets row holds no clear key bytes or hex', () => {
    goLive();
    keys.inject([C1, C2], '99');
    const rows = secretsRows();
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r?.name).toBe('tmk');
    expect(r?.check_value).toBe(checkValue(TMK2));
    expect(r?.updated_at).toBe(T0);
    const sealed = r?.sealed ?? Buffer.alloc(0);
    expect(sealed.length).toBeGreaterThan(16);
    expect(sealed.includes(TMK2)).toBe(false);
    for (const part of [TMK2.subarray(0, 8), TMK2.subarray(8)])
      expect(sealed.includes(part)).toBe(false);
    const asText = [sealed.toString('hex'), sealed.toString('latin1'), sealed.toString('utf8')];
    for (const secret of [TMK2.toString('hex'), C1, C2]) {
      for (const t of asText) {
        expect(t.toUpperCase()).not.toContain(secret.toUpperCase());
      }
    }
    // What is stored opens, with the terminal's key, to the key.
    expect(secretBox.open(sealed)).toEqual(TMK2);
  });

  it('seals afresh each time: the same key injected twice is stored differently', () => {
    goLive();
    keys.inject([C1, C2], '99');
    const first = secretsRows()[0]?.sealed;
    clock.advance(60_000);
    keys.inject([C2, C1], '99');
    const rows = secretsRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sealed.equals(first ?? Buffer.alloc(0))).toBe(false);
    expect(rows[0]?.updated_at).toBe(T0 + 60_000);
    expect(keys.tmk()).toEqual(TMK2);
  });

  it('a new injection replaces the key', () => {
    goLive();
    keys.inject([C1, C2], '99');
    keys.inject([C1, C2, C3], '99');
    expect(keys.status().checkValue).toBe(checkValue(TMK3));
    expect(keys.tmk()).toEqual(TMK3);
  });

  it('audits the injection with the operator and check value, never the key', () => {
    goLive();
    clock.advance(1_234);
    keys.inject([C1, C2, C3], '99');
    const audit = repos.audit.recent(10);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      at: T0 + 1_234,
      operatorNo: '99',
      action: 'tmk.injected',
      detail: { checkValue: checkValue(TMK3), components: 3 },
    });
    const text = JSON.stringify(db.prepare('SELECT * FROM audit_log').all()).toUpperCase();
    for (const secret of [TMK3.toString('hex'), C1, C2, C3])
      expect(text).not.toContain(secret.toUpperCase());
  });

  it('refuses a malformed component, naming it, and stores nothing', () => {
    goLive();
    const short = failure(() => keys.inject([C1, SHORT], '99'));
    expect(short.error).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'components.1', rule: 'keyComponent' }],
    });
    const notHex = failure(() => keys.inject([C1, C2, `${C1.slice(0, 31)}G`], '99'));
    expect(notHex.error).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'components.2', rule: 'keyComponent' }],
    });
    const first = failure(() => keys.inject(['', C2], '99'));
    expect(first.error.fields).toEqual([{ field: 'components.0', rule: 'keyComponent' }]);
    expect(secretsRows()).toEqual([]);
    expect(repos.audit.recent(10)).toEqual([]);
    expect(keys.status()).toEqual({ source: 'none', checkValue: null });
  });

  it('refuses components that cancel out to an all-zero key', () => {
    goLive();
    const same = failure(() => keys.inject([C1, C1], '99'));
    expect(same.error).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'components', rule: 'keyAllZero' }],
    });
    expect(secretsRows()).toEqual([]);
    expect(repos.audit.recent(10)).toEqual([]);
  });

  it('names the count rule when a caller passes one component or four', () => {
    goLive();
    for (const components of [[C1], [C1, C2, C1, C2]]) {
      expect(failure(() => keys.inject(components, '99')).error).toEqual({
        code: 'INVALID_INPUT',
        fields: [{ field: 'components', rule: 'keyComponentCount' }],
      });
    }
    expect(secretsRows()).toEqual([]);
  });

  it('a refused injection leaves the key in use as it was', () => {
    goLive();
    keys.inject([C1, C2], '99');
    failure(() => keys.inject([C1, 'XYZ'], '99'));
    expect(keys.status().checkValue).toBe(checkValue(TMK2));
    expect(keys.tmk()).toEqual(TMK2);
    expect(repos.audit.recent(10)).toHaveLength(1);
  });

  it('stores the key and its audit entry together or not at all', () => {
    goLive();
    db.exec('DROP TABLE audit_log'); // the audit write will fail
    expect(() => keys.inject([C1, C2], '99')).toThrow(/audit_log/);
    expect(secretsRows()).toEqual([]);
    expect(keys.status()).toEqual({ source: 'none', checkValue: null });
  });
});

describe('key service: a sealed key that does not open', () => {
  it('a tampered sealed value fails with a clear integrity error', () => {
    goLive();
    keys.inject([C1, C2], '99');
    const sealed = Buffer.from(secretsRows()[0]?.sealed ?? Buffer.alloc(0));
    const last = sealed.length - 1;
    sealed[last] = (sealed[last] ?? 0) ^ 0x01;
    db.prepare("UPDATE secrets SET sealed = ? WHERE name = 'tmk'").run(sealed);

    expect(() => keys.tmk()).toThrow(SecretBoxError);
    expect(() => keys.tmk()).toThrow(/integrity check \(wrong key or tampered\)/);
    // The status needs only the check value, so the screen can still say which key it was.
    expect(keys.status()).toEqual({ source: 'injected', checkValue: checkValue(TMK2) });
  });

  it('a truncated sealed value is reported as malformed', () => {
    goLive();
    keys.inject([C1, C2], '99');
    db.prepare("UPDATE secrets SET sealed = ? WHERE name = 'tmk'").run(Buffer.from([1, 2, 3]));
    expect(() => keys.tmk()).toThrow(/malformed/);
  });

  it('does not open under another terminal’s key file', () => {
    goLive();
    keys.inject([C1, C2], '99');
    const other = tempDir('pos-keys-other-');
    try {
      const stranger = createKeyService({
        repos,
        secretBox: keyFileSecretBox(join(other.dir, 'secret.key')),
        clock,
        settings,
      });
      expect(() => stranger.tmk()).toThrow(SecretBoxError);
    } finally {
      other.remove();
    }
  });
});
