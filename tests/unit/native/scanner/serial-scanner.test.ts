import { duplexPair, type Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createSerialScanner } from '../../../../native/scanner/serial-scanner';
import { ScannerError, type Scanner } from '../../../../native/scanner/types';

const WECHAT = '134567890123456780';

/** A scanner on one end of a wire, the "device" on the other; scans and errors recorded. */
function rig(opts: { maxLineBytes?: number } = {}) {
  const [appSide, device] = duplexPair();
  const errors: ScannerError[] = [];
  const scanner = createSerialScanner(appSide, { ...opts, onError: (e) => errors.push(e) });
  const codes: string[] = [];
  scanner.onScan((c) => codes.push(c));
  opened.push({ scanner, device });
  return { scanner, device, appSide, codes, errors };
}
const opened: Array<{ scanner: Scanner; device: Duplex }> = [];
afterEach(async () => {
  for (const { scanner, device } of opened.splice(0)) {
    await scanner.close();
    device.destroy();
  }
});

/** Writes each chunk in turn and lets the stream deliver it. */
async function send(device: Duplex, ...chunks: Array<string | Buffer>) {
  for (const c of chunks) {
    device.write(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
    await new Promise((r) => setImmediate(r));
  }
}

describe('serial scanner', () => {
  it('reports one code per line, whichever line end the scanner uses', async () => {
    const { device, codes, errors, scanner } = rig();
    expect(scanner.kind).toBe('serial');
    await send(device, `${WECHAT}\r`, '283456789012345671\n', '6212345678901234563\r\n');
    expect(codes).toEqual([WECHAT, '283456789012345671', '6212345678901234563']);
    expect(errors).toEqual([]);
  });

  it('reads lines split anywhere, several per chunk, and a CR LF split across chunks', async () => {
    const { device, codes, errors } = rig();
    const stream = `${WECHAT}\r\n283456789012345671\r\n6212345678901234563\n`;
    // every split point of the whole stream, one byte at a time
    await send(device, ...stream.split(''));
    await send(device, stream.slice(0, 19), stream.slice(19, 20), stream.slice(20));
    expect(codes).toEqual([
      WECHAT,
      '283456789012345671',
      '6212345678901234563',
      WECHAT,
      '283456789012345671',
      '6212345678901234563',
    ]);
    expect(errors).toEqual([]);
  });

  it('strips surrounding spaces and tabs and ignores empty and blank lines', async () => {
    const { device, codes, errors } = rig();
    await send(device, '\r\n\n\r', '   \t \r\n', ` \t${WECHAT}  \r\n`, 'AB 12\n');
    // inner spaces are kept: judging the code is the app's job, not the scanner's
    expect(codes).toEqual([WECHAT, 'AB 12']);
    expect(errors).toEqual([]);
  });

  it('drops a line with non-printable or non-ASCII bytes, reports it without its content, and goes on', async () => {
    const { device, codes, errors } = rig();
    await send(
      device,
      Buffer.concat([Buffer.from([0x02]), Buffer.from(WECHAT), Buffer.from([0x03, 0x0d])]),
      Buffer.from([0x31, 0x32, 0xe4, 0xbd, 0xa0, 0x0a]), // "12你"
      '13\t45\r', // an inner tab is not whitespace around the code
      `${WECHAT}\r`,
    );
    expect(codes).toEqual([WECHAT]);
    expect(errors.map((e) => e.code)).toEqual([
      'SCANNER_BAD_BYTES',
      'SCANNER_BAD_BYTES',
      'SCANNER_BAD_BYTES',
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(ScannerError);
      expect(e.message).not.toContain('1345');
    }
  });

  it('drops a line longer than 64 bytes as soon as it overflows, then reads the next one', async () => {
    const { device, codes, errors } = rig();
    await send(device, '9'.repeat(64), '\r'); // exactly 64: accepted
    await send(device, '1'.repeat(40), '2'.repeat(40)); // no line end yet, already too long
    expect(errors.map((e) => e.code)).toEqual(['SCANNER_LINE_TOO_LONG']);
    await send(device, '3'.repeat(500), `\r\n${WECHAT}\r\n`);
    expect(codes).toEqual(['9'.repeat(64), WECHAT]);
    expect(errors.map((e) => e.code)).toEqual(['SCANNER_LINE_TOO_LONG']); // once per line
    expect(errors[0]?.message).not.toContain('1111');
  });

  it('takes a smaller line limit', async () => {
    const { device, codes, errors } = rig({ maxLineBytes: 18 });
    await send(device, `${WECHAT}\r`, `${WECHAT}0\r`);
    expect(codes).toEqual([WECHAT]);
    expect(errors.map((e) => e.code)).toEqual(['SCANNER_LINE_TOO_LONG']);
  });

  it('gives every listener each code, keeps going when one throws, and unsubscribes', async () => {
    const { scanner, device, codes, errors } = rig();
    const second: string[] = [];
    scanner.onScan(() => {
      throw new Error('screen bug');
    });
    const off = scanner.onScan((c) => second.push(c));
    await send(device, `${WECHAT}\r`);
    off();
    await send(device, '283456789012345671\r');
    expect(codes).toEqual([WECHAT, '283456789012345671']);
    expect(second).toEqual([WECHAT]);
    expect(errors.map((e) => e.code)).toEqual([
      'SCANNER_LISTENER_FAILED',
      'SCANNER_LISTENER_FAILED',
    ]);
  });

  it('reports a port error instead of crashing', async () => {
    const { appSide, errors } = rig();
    appSide.emit('error', new Error('EIO'));
    await new Promise((r) => setImmediate(r));
    expect(errors.map((e) => e.code)).toEqual(['SCANNER_PORT_ERROR']);
  });

  it('drops a partial line at close, closes the port, and is quiet afterwards', async () => {
    const { scanner, device, appSide, codes } = rig();
    await send(device, WECHAT); // no line end
    await scanner.close();
    expect(appSide.destroyed).toBe(true);
    await scanner.close(); // twice is fine
    expect(codes).toEqual([]);
  });
});
