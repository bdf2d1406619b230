import { createCipheriv, getCiphers } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { CIPHERS_USED } from '../../../../../main/host/crypto';

const root = join(import.meta.dirname, '../../../../..');
const CIPHERS_MODULE = 'main/host/crypto/ciphers.ts';

// DES-family cipher names Electron's BoringSSL offers (electron/electron
// #16812, #27277, #30428): the set our list must stay inside.
const BORINGSSL_DES = ['des-ecb', 'des-cbc', 'des-ede', 'des-ede-cbc', 'des-ede3-cbc'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f))
    .map((f) => join(dir, f));
}

describe('cipher list', () => {
  it('is pinned: two-key 3DES ECB only', () => {
    expect([...CIPHERS_USED]).toEqual(['des-ede']);
    expect(Object.isFrozen(CIPHERS_USED)).toBe(true);
  });

  it('every cipher used exists in this Node and in Electron’s BoringSSL', () => {
    for (const name of CIPHERS_USED) {
      expect(getCiphers()).toContain(name);
      expect(BORINGSSL_DES).toContain(name);
    }
  });

  it('this Node (OpenSSL 3, no legacy provider) refuses single-DES ECB: why the list matters', () => {
    expect(() => createCipheriv('des-ecb', Buffer.alloc(8), null)).toThrow();
    expect(() => createCipheriv('des-ede', Buffer.alloc(16), null)).not.toThrow();
  });

  it("no source under main/ names single-DES 'des-ecb' (missing from Node 22's OpenSSL 3)", () => {
    // A quoted name in any case (OpenSSL matches names case-insensitively), or
    // the bare lower-case name anywhere; "3DES-ECB" in prose is not a name.
    const offenders = sourceFiles('main').filter((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      return /['"`]des-ecb['"`]/i.test(text) || /des-ecb/.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it('no DES-family cipher name appears under main/ outside the ciphers module', () => {
    const offenders = sourceFiles('main').filter(
      (f) =>
        f !== CIPHERS_MODULE &&
        /['"`]des(-[a-z0-9]+)*['"`]/i.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('within main/host/ only the ciphers module creates ciphers', () => {
    // (main/secrets/ seals data at rest with AES-GCM, which both runtimes have.)
    const creators = sourceFiles('main/host').filter((f) =>
      /\bcreate(De)?[Cc]ipher(iv)?\b/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(creators).toEqual([CIPHERS_MODULE]);
  });
});
