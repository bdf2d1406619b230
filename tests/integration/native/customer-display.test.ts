import iconv from 'iconv-lite';
import type { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import {
  amountDueLines,
  changeLines,
  createSerialCustomerDisplay,
  DisplayError,
  openSerialCustomerDisplay,
  VfdScreen,
} from '../../../native/display';
import { closeSerialPort, openSerialPort, SerialPortError } from '../../../native/serial/open-port';
import { openPtyPair } from './pty-pair';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The display's end: collects bytes and feeds them to a model of the screen. */
async function farSide(path: string) {
  const port: SerialPort = await openSerialPort({ path });
  cleanups.push(() => closeSerialPort(port));
  const screen = new VfdScreen();
  const chunks: Buffer[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  port.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    screen.feed(chunk);
    const total = Buffer.concat(chunks).length;
    for (const w of waiters.splice(0)) {
      if (total >= w.count) w.resolve();
      else waiters.push(w);
    }
  });
  return {
    screen,
    bytes: () => Buffer.concat(chunks),
    waitFor: (count: number) =>
      Buffer.concat(chunks).length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  };
}

const pad = (s: string) => s.padEnd(20, ' ');

describe('customer display over a pseudo-terminal', () => {
  it('writes ESC @ once, then HOM and both lines, then CLR', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const far = await farSide(pair.b);
    const display = await openSerialCustomerDisplay({ path: pair.a });
    cleanups.push(() => display.close());
    expect(display.kind).toBe('serial');

    await display.show(amountDueLines(123456));
    await far.waitFor(43);
    expect([...far.bytes()]).toEqual([
      0x1b,
      0x40,
      0x0b,
      ...Buffer.from(`TOTAL${' '.repeat(7)}1,234.56`, 'ascii'),
      ...Buffer.from(pad(''), 'ascii'),
    ]);

    await display.show(changeLines(200000, 76544, { paid: '实收', change: '找零' }));
    await far.waitFor(43 + 41);
    const second = far.bytes().subarray(43);
    expect(second[0]).toBe(0x0b);
    expect([...second.subarray(1)]).toEqual([
      ...iconv.encode(`实收${' '.repeat(8)}2,000.00`, 'gb18030'),
      ...iconv.encode(`找零${' '.repeat(10)}765.44`, 'gb18030'),
    ]);
    expect(far.screen.lines()).toEqual([
      `实收${' '.repeat(8)}2,000.00`,
      `找零${' '.repeat(10)}765.44`,
    ]);

    await display.clear();
    await far.waitFor(43 + 41 + 1);
    expect(far.bytes().at(-1)).toBe(0x0c);
    expect(far.screen.lines()).toEqual([pad(''), pad('')]);
  });

  it('refuses updates once closed; a missing port fails to open', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    await farSide(pair.b);
    const port = await openSerialPort({ path: pair.a });
    const display = createSerialCustomerDisplay(port, { encoding: 'ascii' });
    await display.show(['HELLO', 'WORLD']);
    await display.close();
    await display.close();
    expect(port.isOpen).toBe(false);
    await expect(display.show(['A', 'B'])).rejects.toMatchObject({ code: 'DISPLAY_CLOSED' });
    await expect(display.show(['A', 'B'])).rejects.toBeInstanceOf(DisplayError);
    await expect(openSerialCustomerDisplay({ path: '/dev/pts/nope' })).rejects.toBeInstanceOf(
      SerialPortError,
    );
  });
});
