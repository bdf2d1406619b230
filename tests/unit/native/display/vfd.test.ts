import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  amountDueLines,
  changeLines,
  createSimulatedCustomerDisplay,
  decodeVfd,
  DisplayError,
  encodeClear,
  encodeShow,
  fitLine,
  formatYuan,
  isSimulatedCustomerDisplay,
  labelValueLine,
  VfdScreen,
} from '../../../../native/display';

const pad = (s: string) => s.padEnd(20, ' ');

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [100000000, '1,000,000.00'],
    [-5, '-0.05'],
    [-123456, '-1,234.56'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('refuses fractions of a fen and unsafe numbers', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
    expect(() => formatYuan(2 ** 60)).toThrow(RangeError);
  });
});

describe('lines for the customer', () => {
  it('label left, value right, exactly 20 cells', () => {
    expect(labelValueLine('TOTAL', '12.34')).toBe('TOTAL          12.34');
    expect(labelValueLine('应付', '12.34')).toBe('应付           12.34');
  });

  it('the label gives way to a long amount, the amount is never cut if it fits', () => {
    expect(labelValueLine('CHANGE', '99,999,999.99')).toBe('CHANGE 99,999,999.99');
    expect(labelValueLine('CHANGE DUE', '99,999,999.99')).toBe('CHANGE 99,999,999.99');
    expect(labelValueLine('X', '1'.repeat(25))).toBe('1'.repeat(20));
  });

  it('amount due on the top line', () => {
    expect(amountDueLines(123456)).toEqual([`TOTAL${' '.repeat(7)}1,234.56`, '']);
    // ￥ (full width) and Chinese take two cells each.
    expect(amountDueLines(8800, { due: '应付' }, { symbol: '￥' })).toEqual([
      `应付${' '.repeat(9)}￥88.00`,
      '',
    ]);
  });

  it('paid and change after a cash sale', () => {
    expect(changeLines(10000, 1250)).toEqual(['PAID          100.00', 'CHANGE         12.50']);
    expect(changeLines(10000, 1250, { paid: '实收', change: '找零' })).toEqual([
      '实收          100.00',
      '找零           12.50',
    ]);
  });
});

describe('fitLine', () => {
  it('pads, cuts, and never splits a wide character', () => {
    expect(fitLine('HELLO')).toBe(pad('HELLO'));
    expect(fitLine('A'.repeat(25))).toBe('A'.repeat(20));
    expect(fitLine(`${'A'.repeat(19)}中`)).toBe(`${'A'.repeat(19)} `);
  });

  it('turns control characters into spaces and, on an ASCII display, the rest into ?', () => {
    expect(fitLine('A\x1bB\x0cC')).toBe(pad('A B C'));
    expect(fitLine('找零 CHANGE', 20, 'ascii')).toBe(pad('?? CHANGE'));
  });
});

describe('bytes', () => {
  it('show is HOM then 40 cells of GB18030 text', () => {
    const bytes = encodeShow(['TOTAL 12.34', '谢谢']);
    expect(bytes[0]).toBe(0x0b);
    expect([...bytes.subarray(1)]).toEqual([
      ...Buffer.from(pad('TOTAL 12.34'), 'ascii'),
      ...iconv.encode(`谢谢${' '.repeat(16)}`, 'gb18030'),
    ]);
  });

  it('clear is CLR', () => {
    expect([...encodeClear()]).toEqual([0x0c]);
  });

  it('an ASCII display gets one byte per cell', () => {
    const bytes = encodeShow(['¥1.00', 'x'], { encoding: 'ascii' });
    expect(bytes.length).toBe(41);
    expect(bytes.subarray(1, 6).toString('latin1')).toBe('?1.00');
  });
});

describe('VfdScreen', () => {
  it('shows what encodeShow sends', () => {
    expect(decodeVfd(encodeShow(['第一行 LINE 1', 'LINE 2 第二行']))).toEqual([
      fitLine('第一行 LINE 1'),
      fitLine('LINE 2 第二行'),
    ]);
  });

  it('ESC @ and CLR blank the screen and send the cursor home', () => {
    const screen = new VfdScreen();
    screen.feed(encodeShow(['AAAA', 'BBBB']));
    screen.feed(Buffer.from([0x0c]));
    expect(screen.lines()).toEqual([pad(''), pad('')]);
    screen.feed(Buffer.from('XY'));
    screen.feed(Buffer.from([0x1b, 0x40]));
    expect(screen.lines()).toEqual([pad(''), pad('')]);
  });

  it('HOM keeps the screen; CR, LF and wrapping move the cursor', () => {
    const screen = new VfdScreen();
    screen.feed(Buffer.from('ABCDEFGHIJKLMNOPQRSTUV'));
    expect(screen.lines()).toEqual(['ABCDEFGHIJKLMNOPQRST', pad('UV')]);
    screen.feed(Buffer.from([0x0b, 0x5a, 0x0a, 0x0d, 0x59]));
    expect(screen.lines()).toEqual(['ZBCDEFGHIJKLMNOPQRST', pad('YV')]);
  });

  it('reassembles commands and characters split across writes', () => {
    const bytes = encodeShow(['金额 AMOUNT', '找零 CHANGE']);
    const screen = new VfdScreen();
    for (const b of Buffer.concat([Buffer.from([0x1b]), Buffer.from([0x40]), bytes])) {
      screen.feed(Buffer.from([b]));
    }
    expect(screen.lines()).toEqual([fitLine('金额 AMOUNT'), fitLine('找零 CHANGE')]);
  });
});

describe('simulated display', () => {
  it('keeps the last two lines and starts its bytes with ESC @', async () => {
    const display = createSimulatedCustomerDisplay();
    expect(isSimulatedCustomerDisplay(display)).toBe(true);
    expect(display.lines()).toEqual([pad(''), pad('')]);
    const seen: string[][] = [];
    const off = display.onChange((lines) => seen.push(lines));
    await display.show(amountDueLines(8800));
    await display.show(changeLines(10000, 1200));
    expect(display.lines()).toEqual(changeLines(10000, 1200));
    expect(seen).toHaveLength(2);
    off();
    await display.clear();
    expect(display.lines()).toEqual([pad(''), pad('')]);
    expect(seen).toHaveLength(2);
    expect([...display.bytes().subarray(0, 3)]).toEqual([0x1b, 0x40, 0x0b]);
  });

  it('a throwing listener does not fail the update; a closed display refuses', async () => {
    const display = createSimulatedCustomerDisplay();
    display.onChange(() => {
      throw new Error('window gone');
    });
    await expect(display.show(['A', 'B'])).resolves.toBeUndefined();
    await display.close();
    await expect(display.show(['A', 'B'])).rejects.toBeInstanceOf(DisplayError);
  });
});
