import { describe, expect, it } from 'vitest';
import {
  amountForWeight,
  checkProduct,
  checkProductName,
  type ProductDraft,
} from '../../../../../main/domain/catalogue/product-rules';

const GOOD: ProductDraft = {
  code: '1001',
  name: '可口可乐 330ml',
  spec: '330ml',
  unit: '瓶',
  priceFen: 300,
  weighable: false,
  barcodes: ['6901234567892'],
};
const rules = (p: Partial<ProductDraft>) =>
  checkProduct({ ...GOOD, ...p }).issues.map((i) => `${i.field}:${i.rule}`);

describe('product rules', () => {
  it('a good product passes, its barcodes typed by symbology', () => {
    expect(checkProduct(GOOD)).toEqual({
      barcodes: [{ barcode: '6901234567892', symbology: 'ean13' }],
      issues: [],
    });
  });

  it('PLU is 1–13 digits', () => {
    expect(rules({ code: '1' })).toEqual([]);
    expect(rules({ code: '1234567890123' })).toEqual([]);
    for (const code of ['', '12345678901234', 'A1', '1.5', ' 12'])
      expect(rules({ code })).toEqual(['code:pluCode']);
  });

  it('name: ≤ 40 bytes of GB18030 (a Chinese character is 2), printable', () => {
    expect(checkProductName('商'.repeat(20))).toEqual([]);
    expect(checkProductName('商'.repeat(21))).toEqual([
      { field: 'name', rule: 'productNameBytes', params: { max: 40, bytes: 42 } },
    ]);
    expect(checkProductName('a'.repeat(41))[0]?.rule).toBe('productNameBytes');
    expect(checkProductName(' ')[0]?.rule).toBe('productName');
    expect(checkProductName('可乐\n')[0]?.rule).toBe('textChars');
    expect(checkProductName('可\u202e乐')[0]?.rule).toBe('textChars');
  });

  it('price: whole fen, 0.01 – 999,999.99 yuan', () => {
    expect(rules({ priceFen: 1 })).toEqual([]);
    expect(rules({ priceFen: 99_999_999 })).toEqual([]);
    for (const priceFen of [0, -5, 100_000_000, 1.5, Number.NaN])
      expect(rules({ priceFen })).toEqual(['priceFen:productPrice']);
  });

  it('a weighable product is sold by the kg', () => {
    expect(rules({ weighable: true, unit: 'kg' })).toEqual([]);
    expect(rules({ weighable: true, unit: 'KG' })).toEqual([]);
    expect(rules({ weighable: true, unit: '斤' })).toEqual(['unit:weighableUnit']);
  });

  it('barcodes: check digit, format, repeats, at most 10, each named', () => {
    const r = checkProduct({
      ...GOOD,
      barcodes: ['6901234567893', '690-1', '96385074', '96385074'],
    });
    expect(r.barcodes).toEqual([{ barcode: '96385074', symbology: 'ean8' }]);
    expect(r.issues).toEqual([
      { field: 'barcodes', rule: 'barcodeCheckDigit', params: { barcode: '6901234567893' } },
      { field: 'barcodes', rule: 'barcodeFormat', params: { barcode: '690-1' } },
      { field: 'barcodes', rule: 'barcodeRepeated', params: { barcode: '96385074' } },
    ]);
    expect(rules({ barcodes: Array.from({ length: 11 }, (_, i) => `A${i}`) })).toEqual([
      'barcodes:barcodesTooMany',
    ]);
  });

  it('spec and unit lengths', () => {
    expect(rules({ spec: 'x'.repeat(21) })).toEqual(['spec:productSpec']);
    expect(rules({ unit: 'x'.repeat(9) })).toEqual(['unit:productUnit']);
  });
});

describe('amount for a weight', () => {
  it('price per kg × grams, rounded half up to the fen, integers only', () => {
    expect(amountForWeight(2990, 1000)).toBe(2990);
    expect(amountForWeight(2990, 500)).toBe(1495);
    expect(amountForWeight(1999, 333)).toBe(666); // 665.667
    expect(amountForWeight(1000, 5)).toBe(5);
    expect(amountForWeight(100, 5)).toBe(1); // 0.5 → 1
    expect(amountForWeight(100, 4)).toBe(0);
    expect(() => amountForWeight(1.5, 10)).toThrow();
  });
});
