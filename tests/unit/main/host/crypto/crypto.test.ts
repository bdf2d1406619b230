import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  KeyCheckError,
  KeyComponentError,
  PinBlockError,
  buildWorkingKeysField,
  checkValue,
  combineComponents,
  desEcbDecrypt,
  desEcbEncrypt,
  parseWorkingKeys,
  pinBlock,
  pinFromBlock,
  tdesEcbDecrypt,
  tdesEcbEncrypt,
  verifyX919Mac,
  x919Mac,
} from '../../../../../main/host/crypto';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const KEY = hex('0123456789ABCDEF FEDCBA9876543210');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

describe('cipher primitives', () => {
  it('single DES (as des-ede with K‖K) matches the FIPS 81 ECB example', () => {
    // FIPS PUB 81, appendix B table B1: key 0123456789ABCDEF, "Now is the time for all ".
    const plain = Buffer.from('Now is the time for all ', 'ascii');
    const cipher = desEcbEncrypt(hex('0123456789ABCDEF'), plain);
    expect(cipher.toString('hex').toUpperCase()).toBe(
      '3FA40E8A984D48156A271787AB8883F9893D51EC4B563B53',
    );
    expect(desEcbDecrypt(hex('0123456789ABCDEF'), cipher).equals(plain)).toBe(true);
  });

  it('3DES with K1 = K2 is single DES, and decrypt inverts encrypt', () => {
    const k = hex('0123456789ABCDEF');
    const data = hex('1122334455667788 99AABBCCDDEEFF00');
    expect(tdesEcbEncrypt(Buffer.concat([k, k]), data).equals(desEcbEncrypt(k, data))).toBe(true);
    expect(tdesEcbDecrypt(KEY, tdesEcbEncrypt(KEY, data)).equals(data)).toBe(true);
  });

  it('refuses wrong key sizes and partial blocks', () => {
    expect((thrown(() => tdesEcbEncrypt(hex('00'), Buffer.alloc(8))) as CryptoError).code).toBe(
      'CRYPTO_BAD_INPUT',
    );
    expect(() => desEcbEncrypt(KEY, Buffer.alloc(8))).toThrow(/key must be 8 bytes, got 16/);
    expect(() => tdesEcbDecrypt(KEY, Buffer.alloc(7))).toThrow(/multiple of 8 bytes, got 7/);
    expect(tdesEcbEncrypt(KEY, Buffer.alloc(0)).length).toBe(0);
  });
});

describe('X9.19 MAC', () => {
  it('gives the spec vector', () => {
    const mac = x919Mac(KEY, Buffer.from('Now is the time for all ', 'ascii'));
    expect(mac.toString('hex').toUpperCase()).toBe('A1C72E74EA3FA9B6');
  });

  it('is CBC-DES under K1 then D(K2), E(K1) — checked step by step from the primitive', () => {
    const data = Buffer.from('0200 with 13 bytes', 'ascii'); // 18 bytes → 3 blocks, zero-padded
    const k1 = KEY.subarray(0, 8);
    const k2 = KEY.subarray(8);
    const padded = Buffer.concat([data, Buffer.alloc(6)]);
    let chain: Buffer = Buffer.alloc(8);
    for (let i = 0; i < 3; i++) {
      const block = padded.subarray(i * 8, i * 8 + 8);
      chain = desEcbEncrypt(k1, Buffer.from(block.map((b, j) => b ^ (chain[j] ?? 0))));
    }
    const expected = desEcbEncrypt(k1, desEcbDecrypt(k2, chain));
    expect(x919Mac(KEY, data).equals(expected)).toBe(true);
  });

  it('zero-pads: data and data + zero bytes to the block boundary give the same MAC; empty = one zero block', () => {
    const data = Buffer.from('abc', 'ascii');
    expect(x919Mac(KEY, data).equals(x919Mac(KEY, Buffer.concat([data, Buffer.alloc(5)])))).toBe(
      true,
    );
    expect(x919Mac(KEY, Buffer.alloc(0)).equals(x919Mac(KEY, Buffer.alloc(8)))).toBe(true);
  });

  it('verifies in constant time and refuses wrong MACs and sizes', () => {
    const data = Buffer.from('Now is the time for all ', 'ascii');
    expect(verifyX919Mac(KEY, data, hex('A1C72E74EA3FA9B6'))).toBe(true);
    expect(verifyX919Mac(KEY, data, hex('A1C72E74EA3FA9B7'))).toBe(false);
    expect(verifyX919Mac(KEY, data, hex('A1C72E74'))).toBe(false);
    expect((thrown(() => x919Mac(hex('00'), data)) as CryptoError).code).toBe('CRYPTO_BAD_INPUT');
  });
});

describe('key check value', () => {
  it('of the test key 0123456789ABCDEFFEDCBA9876543210 is the published 08D7B4FB', () => {
    // 3DES(key, 0000000000000000) = 08D7B4FB629D0885 is the check value published
    // with this well-known test key (e.g. in PIN-pad vendors' SDK samples).
    expect(checkValue(KEY)).toBe('08D7B4FB');
  });

  it('is the first 4 bytes of 3DES over zeros, upper-case', () => {
    const key = hex('00112233445566778899AABBCCDDEEFF');
    const full = tdesEcbEncrypt(key, Buffer.alloc(8)).toString('hex').toUpperCase();
    expect(checkValue(key)).toBe(full.slice(0, 8));
    expect(checkValue(key)).toMatch(/^[0-9A-F]{8}$/);
  });
});

describe('TMK components', () => {
  it('XORs two or three components, ignoring case and spaces', () => {
    const a = '0123456789ABCDEF FEDCBA9876543210';
    const b = '1111 1111 1111 1111 2222 2222 2222 2222';
    expect(combineComponents([a, b]).toString('hex').toUpperCase()).toBe(
      '1032547698BADCFEDCFE98BA54761032',
    );
    const c = 'ffffffffffffffff0000000000000000';
    expect(combineComponents([a, b, c]).toString('hex').toUpperCase()).toBe(
      'EFCDAB8967452301DCFE98BA54761032',
    );
    expect(combineComponents([a.toLowerCase(), '0'.repeat(32)]).equals(KEY)).toBe(true);
  });

  it('names the component that is wrong', () => {
    const good = '0123456789ABCDEFFEDCBA9876543210';
    const short = thrown(() => combineComponents([good, good.slice(1)]));
    expect(short).toBeInstanceOf(KeyComponentError);
    expect((short as KeyComponentError).code).toBe('KEY_COMPONENT_INVALID');
    expect((short as KeyComponentError).component).toBe(2);
    expect((short as Error).message).toBe('component 2: expected 32 hex digits, got 31');
    expect(() => combineComponents(['0123456789ABCDEFFEDCBA987654321G', good])).toThrow(
      'component 1: character "G" at position 32 is not a hex digit',
    );
    expect(() => combineComponents([good, good, good + '0'])).toThrow(/component 3/);
  });

  it('refuses 1 or 4 components and an all-zero result', () => {
    const k = '0123456789ABCDEFFEDCBA9876543210';
    expect(() => combineComponents([k])).toThrow(/2 or 3 components, got 1/);
    expect(() => combineComponents([k, k, k, k])).toThrow(KeyComponentError);
    expect(() => combineComponents([k, k])).toThrow(/all-zero/);
  });
});

describe('working keys (field 62)', () => {
  const tmk = hex('11223344556677888877665544332211');
  const pik = hex('0123456789ABCDEFFEDCBA9876543210');
  const mak = hex('FEDCBA98765432100123456789ABCDEF');

  it('round-trips: build under the TMK, parse back to the clear keys', () => {
    const field = buildWorkingKeysField(tmk, pik, mak);
    expect(field.length).toBe(40);
    // Layout: enc(PIK) ‖ KCV(PIK) ‖ enc(MAK) ‖ KCV(MAK), each key 3DES-ECB under the TMK.
    expect(field.subarray(0, 16).equals(tdesEcbEncrypt(tmk, pik))).toBe(true);
    expect(field.subarray(16, 20).toString('hex').toUpperCase()).toBe('08D7B4FB');
    expect(field.subarray(20, 36).equals(tdesEcbEncrypt(tmk, mak))).toBe(true);
    expect(field.subarray(36, 40).toString('hex').toUpperCase()).toBe(checkValue(mak));
    const keys = parseWorkingKeys(field, tmk);
    expect(keys.pik.equals(pik)).toBe(true);
    expect(keys.mak.equals(mak)).toBe(true);
  });

  it('refuses a KCV mismatch, naming the key', () => {
    const field = buildWorkingKeysField(tmk, pik, mak);
    const badPik = Buffer.from(field);
    badPik[17] = (badPik[17] ?? 0) ^ 1;
    const e1 = thrown(() => parseWorkingKeys(badPik, tmk));
    expect(e1).toBeInstanceOf(KeyCheckError);
    expect((e1 as KeyCheckError).code).toBe('KEYS_INVALID');
    expect((e1 as KeyCheckError).key).toBe('PIK');

    const badMak = Buffer.from(field);
    badMak[25] = (badMak[25] ?? 0) ^ 0x80; // the encrypted MAK itself
    expect((thrown(() => parseWorkingKeys(badMak, tmk)) as KeyCheckError).key).toBe('MAK');

    // The wrong TMK decrypts both to garbage: the PIK is checked first.
    const wrongTmk = hex('99223344556677888877665544332211');
    expect((thrown(() => parseWorkingKeys(field, wrongTmk)) as KeyCheckError).key).toBe('PIK');
  });

  it('refuses a field 62 of the wrong length', () => {
    for (const n of [0, 39, 41, 24]) {
      const e = thrown(() => parseWorkingKeys(Buffer.alloc(n), tmk));
      expect(e).toBeInstanceOf(KeyCheckError);
      expect((e as KeyCheckError).key).toBe('FIELD62');
      expect((e as Error).message).toContain(`got ${n}`);
    }
  });
});

describe('PIN block, ISO 9564 format 0', () => {
  const pan = '4000001234562000';

  it('PIN 1234, PAN 4000001234562000: decrypt(pinBlock) is the hand-built clear block', () => {
    // PIN field: 0 (format), 4 (length), 1234, F-filled:     04 12 34 FF FF FF FF FF
    // PAN field: 0000 + 12 rightmost digits before the check
    //            digit (400000[123456200]0 → 000123456200): 00 00 00 01 23 45 62 00
    // XOR:                                                   04 12 34 FE DC BA 9D FF
    const clear = hex('041234FEDCBA9DFF');
    const block = pinBlock('1234', pan, KEY);
    expect(tdesEcbDecrypt(KEY, block).equals(clear)).toBe(true);
    expect(block.equals(tdesEcbEncrypt(KEY, clear))).toBe(true);
    expect(pinFromBlock(block, pan, KEY)).toBe('1234');
  });

  it('round-trips PINs of 4 to 12 digits and PANs of 13 to 19', () => {
    for (const pin of ['0000', '123456', '999999999999']) {
      for (const p of ['4000001234562', pan, '6222021234567890123']) {
        expect(pinFromBlock(pinBlock(pin, p, KEY), p, KEY)).toBe(pin);
      }
    }
  });

  it('validates PIN and PAN without echoing them', () => {
    for (const pin of ['123', '1234567890123', '12a4', '']) {
      const e = thrown(() => pinBlock(pin, pan, KEY)) as CryptoError;
      expect(e).toBeInstanceOf(CryptoError);
      expect(e.code).toBe('PIN_INVALID');
      if (pin.length >= 4) expect(e.message).not.toContain(pin);
    }
    for (const p of ['400000123456', '40000012345620001234', '4000001234562X00']) {
      const e = thrown(() => pinBlock('1234', p, KEY)) as CryptoError;
      expect(e.code).toBe('PAN_INVALID');
      expect(e.message).not.toContain(p);
    }
    expect((thrown(() => pinBlock('1234', pan, Buffer.alloc(8))) as CryptoError).code).toBe(
      'CRYPTO_BAD_INPUT',
    );
  });

  it('refuses blocks that do not decode as format 0', () => {
    const enc = (clearHex: string): Buffer => {
      const panField = hex('0000000123456200');
      const c = hex(clearHex);
      return tdesEcbEncrypt(KEY, Buffer.from(c.map((b, i) => b ^ (panField[i] ?? 0))));
    };
    for (const [clear, why] of [
      ['141234FFFFFFFFFF', /control nibble is 1/],
      ['031234FFFFFFFFFF', /length nibble is 3/],
      ['0D1234FFFFFFFFFF', /length nibble is D/],
      ['04123AFFFFFFFFFF', /non-digit/],
      ['041234FFFFFFFFF0', /filler/],
    ] as const) {
      const e = thrown(() => pinFromBlock(enc(clear), pan, KEY));
      expect(e).toBeInstanceOf(PinBlockError);
      expect((e as PinBlockError).code).toBe('PIN_BLOCK_INVALID');
      expect((e as Error).message).toMatch(why);
    }
    expect(thrown(() => pinFromBlock(Buffer.alloc(7), pan, KEY))).toBeInstanceOf(PinBlockError);
    // The helper itself is right: the well-formed clear block decodes.
    expect(pinFromBlock(enc('041234FFFFFFFFFF'), pan, KEY)).toBe('1234');
  });
});
