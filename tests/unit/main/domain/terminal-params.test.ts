import { describe, expect, it } from 'vitest';
import { TerminalSetup } from '../../../../preload/contract';
import {
  checkSetupRules,
  diffParameters,
  gb18030Length,
} from '../../../../main/domain/terminal-params';

const valid = {
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  merchantName: '测试便利店',
  printer: { kind: 'virtual' as const },
  paperWidth: 80 as const,
};

function rulesOf(input: unknown) {
  const r = TerminalSetup.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

describe('terminal parameters', () => {
  it('accepts a valid setup', () => {
    expect(rulesOf(valid)).toEqual([]);
    expect(checkSetupRules(valid)).toEqual([]);
  });

  it('names the rule for a merchant number that is not 15 digits', () => {
    expect(rulesOf({ ...valid, merchantNumber: '12345' })).toEqual([
      'merchantNumber:merchantNumber',
    ]);
    expect(rulesOf({ ...valid, merchantNumber: '89831014816000A' })).toEqual([
      'merchantNumber:merchantNumber',
    ]);
  });

  it('needs 8 digits or upper-case letters for the terminal number', () => {
    expect(rulesOf({ ...valid, terminalNumber: 't0000001' })).toEqual([
      'terminalNumber:terminalNumber',
    ]);
    expect(rulesOf({ ...valid, terminalNumber: 'T000001' })).toEqual([
      'terminalNumber:terminalNumber',
    ]);
  });

  it('counts the merchant name in GB18030 bytes: 20 Chinese characters fit, 21 do not', () => {
    expect(gb18030Length('测试')).toBe(4);
    expect(gb18030Length('ab')).toBe(2);
    expect(checkSetupRules({ ...valid, merchantName: '店'.repeat(20) })).toEqual([]);
    expect(checkSetupRules({ ...valid, merchantName: '店'.repeat(21) })).toEqual([
      { field: 'merchantName', rule: 'merchantNameBytes', params: { max: 40, bytes: 42 } },
    ]);
  });

  it('refuses control characters and an empty name', () => {
    expect(rulesOf({ ...valid, merchantName: 'a\u0007b' })).toEqual([
      'merchantName:merchantNameChars',
    ]);
    expect(rulesOf({ ...valid, merchantName: '   ' })).toEqual([
      'merchantName:merchantNameRequired',
    ]);
  });

  it('checks the TCP printer address and port', () => {
    expect(rulesOf({ ...valid, printer: { kind: 'tcp', host: '', port: 9100 } })).toEqual([
      'printer.host:printerHost',
    ]);
    expect(rulesOf({ ...valid, printer: { kind: 'tcp', host: '10.0.0.5', port: 70000 } })).toEqual([
      'printer.port:port',
    ]);
  });

  it('lists old → new for the audit log', () => {
    expect(
      diffParameters({ a: 1, b: { c: 'x', d: 2 } }, { a: 1, b: { c: 'y', d: 2 }, e: true }),
    ).toEqual([
      { field: 'b.c', from: 'x', to: 'y' },
      { field: 'e', from: null, to: true },
    ]);
  });
});
