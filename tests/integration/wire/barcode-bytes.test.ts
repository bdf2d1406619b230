import { describe, expect, it } from 'vitest';
import { encodeCode128 } from '../../../native/printer/escpos-encoder';
import { decodeEscPos } from './escpos-decoder';

/** The bar code of one GS k command as the independent reader sees it. */
const read = (data: string) => {
  const job = decodeEscPos(encodeCode128(data));
  expect(job.barcodes).toHaveLength(1);
  return job.barcodes[0]!;
};

describe('Code 128 bytes (GS k 73): code sets, counts and widths', () => {
  it.each([
    ['20261124000002', 'C', 264], // order number: 7 pairs in set C
    ['R20261124000001', 'B', 308], // return number: R in B, then the 14 digits in C
    ['R2026112400001', 'B', 308], // odd run: one digit in B, the rest in C
    ['123', 'B', 176], // too short to pay for set C
    ['AB{12', 'B', 220], // a literal brace is written {{
    ['X123456Y', 'B', 264], // 6 digits mid-data: to C and back (286 all in B)
  ])('%s → starts in set %s, %i dots at 2-dot modules, quiet zones included', (data, set, dots) => {
    const b = read(data);
    expect(b.data).toBe(data);
    expect(b.codeSet).toBe(set);
    expect(b.dots).toBe(dots);
  });

  it('a 14-digit return or order number fits a 58 mm head (384 dots) either way', () => {
    for (const data of ['R20261124000001', '20261124000001'])
      expect(read(data).dots).toBeLessThanOrEqual(384);
  });
});

describe('Code 128 data longer than GS k can say (n ≤ 255)', () => {
  it('is cut between symbols, never inside a "{x" pair', () => {
    for (const data of ['{'.repeat(200), `A${'{'.repeat(200)}`, `${'A'.repeat(254)}123456`]) {
      const bytes = encodeCode128(data);
      const n = bytes[bytes.indexOf(0x6b) + 2]!;
      expect(n).toBeLessThanOrEqual(255);
      expect(() => decodeEscPos(bytes)).not.toThrow();
    }
  });
});
