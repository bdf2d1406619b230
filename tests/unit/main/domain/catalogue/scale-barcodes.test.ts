import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../../../main/domain/catalogue/barcodes';
import {
  BUILT_IN_SCALE_TEMPLATES,
  compileEnabled,
  compileScaleTemplate,
  parseScaleBarcode,
  pluForms,
  type CompiledScaleTemplate,
} from '../../../../../main/domain/catalogue/scale-barcodes';

function compiled(pattern: string): CompiledScaleTemplate {
  const c = compileScaleTemplate({ name: 't', pattern, enabled: true });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.template;
}

const [amount13, weight13, both18] = BUILT_IN_SCALE_TEMPLATES.map((t) => compiled(t.pattern));

describe('built-in scale templates', () => {
  it('13 digits 2 F PPPPP AAAAA C: PLU and the amount in fen', () => {
    const code = withCheckDigit('210012301250'); // PLU 00123, ¥12.50
    expect(code).toHaveLength(13);
    expect(parseScaleBarcode(code, amount13!)).toEqual({
      kind: 'match',
      plu: '00123',
      amountFen: 1250,
      weightG: null,
    });
  });

  it('13 digits 2 F PPPPP WWWWW C: PLU and the weight in grams', () => {
    const code = withCheckDigit('220045600750'); // PLU 00456, 750 g
    expect(parseScaleBarcode(code, weight13!)).toEqual({
      kind: 'match',
      plu: '00456',
      amountFen: null,
      weightG: 750,
    });
  });

  it('18 digits 2F PPPPP AAAAA WWWWW C: PLU, amount and weight', () => {
    const code = withCheckDigit('27001230239801234'); // PLU 00123, ¥23.98, 1,234 g
    expect(code).toHaveLength(18);
    expect(parseScaleBarcode(code, both18!)).toEqual({
      kind: 'match',
      plu: '00123',
      amountFen: 2398,
      weightG: 1234,
    });
  });

  it('a wrong check digit is told apart from a code of another shape, for every template', () => {
    for (const [t, body] of [
      [amount13!, '210012301250'],
      [weight13!, '220045600750'],
      [both18!, '27001230239801234'],
    ] as const) {
      const good = withCheckDigit(body);
      const bad = body + String((Number(good.at(-1)) + 1) % 10);
      expect(parseScaleBarcode(bad, t)).toEqual({ kind: 'check-digit' });
      expect(parseScaleBarcode(good.slice(1), t)).toEqual({ kind: 'no-match' }); // too short
      expect(parseScaleBarcode(`1${good.slice(1)}`, t)).toEqual({ kind: 'no-match' }); // not 2…
      expect(parseScaleBarcode(good.replace(/^2/, 'x'), t)).toEqual({ kind: 'no-match' });
    }
  });

  it('a label with a zero amount or weight is not read as one', () => {
    expect(parseScaleBarcode(withCheckDigit('210012300000'), amount13!)).toEqual({
      kind: 'no-match',
    });
  });
});

describe('configurable templates', () => {
  it('fixed digits and ignored ones: 22 PPPPP X WWWW C reads only codes flagged 22', () => {
    const t = compiled('22 PPPPP X WWWW C');
    expect(parseScaleBarcode(withCheckDigit('220000790500'), t)).toEqual({
      kind: 'match',
      plu: '00007',
      amountFen: null,
      weightG: 500,
    });
    expect(parseScaleBarcode(withCheckDigit('210000790500'), t)).toEqual({ kind: 'no-match' });
  });

  it('a template without a check digit reads any digits in place', () => {
    const t = compiled('2F PPPP AAAAAA');
    expect(parseScaleBarcode('201234000199', t)).toMatchObject({ plu: '1234', amountFen: 199 });
  });

  it('names the bad part of a broken template', () => {
    const issues = (pattern: string) => {
      const c = compileScaleTemplate({ name: 'x', pattern, enabled: true });
      return c.ok ? [] : c.issues.map((i) => ({ rule: i.rule, ...i.params }));
    };
    expect(issues('2F PPPPP AAAAA')).toEqual([]);
    expect(issues('2F PPPPP QQQQQ C')).toContainEqual({
      rule: 'scaleSymbol',
      part: 'Q',
      position: 8,
    });
    expect(issues('2F PP AAAAA PPP C')).toContainEqual({
      rule: 'scaleRunSplit',
      part: 'P',
      position: 10,
    });
    expect(issues('2F PPPPP C AAAAA')).toContainEqual({
      rule: 'scaleCheckLast',
      part: 'C',
      position: 8,
    });
    expect(issues('2F FFFFF AAAAA C')).toContainEqual({ rule: 'scaleNoPlu', part: 'P' });
    expect(issues('2F PPPPP FFFFF C')).toContainEqual({ rule: 'scaleNoAmount', part: 'A/W' });
    expect(issues('2F PPPPP AAAAAAAAA C')).toContainEqual({
      rule: 'scaleRunLong',
      part: 'AAAAAAAAA',
      position: 8,
      max: 8,
    });
    expect(issues('2PAC')).toContainEqual({ rule: 'scaleLength', length: 4, min: 8, max: 24 });
    expect(issues('2F PPPPP AAAAA CC')).toContainEqual({
      rule: 'scaleCheckTwice',
      part: 'C',
      position: 14,
    });
  });

  it('only enabled templates that compile are used, in order', () => {
    const list = compileEnabled([
      { name: 'off', pattern: '2F PPPPP AAAAA C', enabled: false },
      { name: 'broken', pattern: '2F PPPPP ?', enabled: true },
      { name: 'weight', pattern: '2F PPPPP WWWWW C', enabled: true },
    ]);
    expect(list.map((t) => t.name)).toEqual(['weight']);
  });

  it('the PLU is tried as printed and without its leading zeros', () => {
    expect(pluForms('00123')).toEqual(['00123', '123']);
    expect(pluForms('00000')).toEqual(['00000', '0']);
    expect(pluForms('12345')).toEqual(['12345']);
  });
});
