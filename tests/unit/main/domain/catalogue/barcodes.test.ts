import { describe, expect, it } from 'vitest';
import {
  barcodeForms,
  checkBarcode,
  gs1CheckDigit,
  hasValidGs1Check,
  splitBarcodes,
  withCheckDigit,
} from '../../../../../main/domain/catalogue/barcodes';

describe('GS1 check digits', () => {
  it('computes the published examples of each symbology', () => {
    // EAN-13 (a Chinese 690 prefix; the code from issue 14), EAN-8, UPC-A.
    expect(gs1CheckDigit('690123456789')).toBe(2);
    expect(gs1CheckDigit('400638133393')).toBe(1); // 4006381333931, GS1's own example
    expect(gs1CheckDigit('9638507')).toBe(4); // EAN-8 96385074
    expect(gs1CheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gs1CheckDigit('0000000000000')).toBe(0);
    expect(withCheckDigit('692000000001')).toMatch(/^692000000001\d$/);
  });

  it('every wrong last digit of a valid code is refused', () => {
    for (const good of ['6901234567892', '96385074', '036000291452', '4006381333931']) {
      expect(hasValidGs1Check(good)).toBe(true);
      for (let d = 0; d <= 9; d++) {
        const other = good.slice(0, -1) + String(d);
        if (other !== good) expect(hasValidGs1Check(other)).toBe(false);
      }
    }
  });

  it('a swap of two neighbouring digits (the usual typing slip) is caught unless they differ by 5', () => {
    const good = '6901234567892';
    for (let i = 0; i < 11; i++) {
      const a = Number(good[i]);
      const b = Number(good[i + 1]);
      if (a === b || Math.abs(a - b) === 5) continue;
      const swapped = good.slice(0, i) + good[i + 1] + good[i] + good.slice(i + 2);
      expect(hasValidGs1Check(swapped)).toBe(false);
    }
  });
});

describe('checkBarcode', () => {
  it('tells EAN-13, EAN-8 and UPC-A apart by length and checks their digit', () => {
    expect(checkBarcode('6901234567892')).toEqual({
      ok: true,
      barcode: '6901234567892',
      symbology: 'ean13',
    });
    expect(checkBarcode(' 96385074 ')).toEqual({
      ok: true,
      barcode: '96385074',
      symbology: 'ean8',
    });
    expect(checkBarcode('036000291452')).toMatchObject({ ok: true, symbology: 'upca' });
    expect(checkBarcode('6901234567893')).toEqual({
      ok: false,
      barcode: '6901234567893',
      rule: 'barcodeCheckDigit',
    });
    expect(checkBarcode('96385075')).toMatchObject({ ok: false, rule: 'barcodeCheckDigit' });
    expect(checkBarcode('036000291453')).toMatchObject({ ok: false, rule: 'barcodeCheckDigit' });
  });

  it('takes other lengths and letters as internal codes without a check digit', () => {
    for (const code of [
      '1',
      '12345',
      '1234567',
      '123456789',
      'A001',
      'abc123XYZ',
      '12345678901234',
    ]) {
      expect(checkBarcode(code)).toEqual({ ok: true, barcode: code, symbology: 'internal' });
    }
  });

  it('refuses what no scanner sends', () => {
    for (const code of ['', '   ', '690-123', '可乐', 'a'.repeat(21), '12 34']) {
      expect(checkBarcode(code)).toMatchObject({ ok: false, rule: 'barcodeFormat' });
    }
  });
});

describe('barcode forms and lists', () => {
  it('looks a UPC-A code up as its EAN-13 form and back', () => {
    expect(barcodeForms('036000291452')).toEqual(['036000291452', '0036000291452']);
    expect(barcodeForms('0036000291452')).toEqual(['0036000291452', '036000291452']);
    expect(barcodeForms('6901234567892')).toEqual(['6901234567892']);
  });

  it('splits a cell of several barcodes on ; | , and spaces', () => {
    expect(splitBarcodes('6901234567892;96385074 | 036000291452,A1；B2')).toEqual([
      '6901234567892',
      '96385074',
      '036000291452',
      'A1',
      'B2',
    ]);
    expect(splitBarcodes('  ')).toEqual([]);
  });
});
