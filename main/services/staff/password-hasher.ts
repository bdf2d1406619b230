import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Salted slow hashes for operator passwords: scrypt (memory-hard, in Node's
 * own crypto, so no native addon). Stored as `scrypt$N$r$p$salt$hash` so the
 * cost can be raised later without breaking old hashes.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** ~50–100 ms and 32 MiB per hash on a till PC: slow for guessing, fine for sign-in. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...cost, maxmem: 256 * cost.N * cost.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export function createScryptHasher(cost: ScryptCost = DEFAULT_SCRYPT_COST): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, cost);
      return [
        'scrypt',
        cost.N,
        cost.r,
        cost.p,
        salt.toString('base64'),
        key.toString('base64'),
      ].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [, N, r, p, salt, key] = parts;
      const expected = Buffer.from(key ?? '', 'base64');
      const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), {
        N: Number(N),
        r: Number(r),
        p: Number(p),
      });
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
