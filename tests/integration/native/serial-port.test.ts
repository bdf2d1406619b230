import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, SerialFrameReader } from '../../../native/pinpad/serial-frame';
import { createSerialPinPad } from '../../../native/pinpad/serial-pinpad';
import { createSerialScanner } from '../../../native/scanner/serial-scanner';
import {
  closeSerialPort,
  listSerialPorts,
  openSerialPort,
  SerialPortError,
} from '../../../native/serial/open-port';
import { openPtyPair } from './pty-pair';

// openSerialPort gives the existing Duplex drivers (scanner, PIN pad) a real port.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pair() {
  const p = await openPtyPair();
  cleanups.push(() => p.close());
  const far = await openSerialPort({ path: p.b });
  cleanups.push(() => closeSerialPort(far));
  return { near: p.a, far };
}

describe('openSerialPort', () => {
  it('gives the serial scanner a real port; closing it releases the port', async () => {
    const { near, far } = await pair();
    const port = await openSerialPort({ path: near, baudRate: 9600 });
    const scanner = createSerialScanner(port);
    const codes: string[] = [];
    const got = new Promise<void>((resolve) =>
      scanner.onScan((code) => {
        codes.push(code);
        if (codes.length === 2) resolve();
      }),
    );
    far.write(Buffer.from('134567890123456789\r\n2856'));
    far.write(Buffer.from('78901234567890\r'));
    await got;
    expect(codes).toEqual(['134567890123456789', '285678901234567890']);
    await scanner.close();
    expect(port.isOpen).toBe(false);
    // Released: the same path opens again.
    const again = await openSerialPort({ path: near });
    expect(again.isOpen).toBe(true);
    await closeSerialPort(again);
  });

  it('gives the serial PIN pad a real port', async () => {
    const { near, far } = await pair();
    const reader = new SerialFrameReader();
    far.on('data', (chunk: Buffer) => {
      for (const ev of reader.push(chunk)) {
        if (ev.type !== 'frame') continue;
        far.write(Buffer.from([0x06])); // ACK
        far.write(encodeFrame({ cmd: ev.frame.cmd, data: Buffer.from('00', 'ascii') }));
      }
    });
    const port = await openSerialPort({ path: near });
    cleanups.push(() => closeSerialPort(port));
    const pad = createSerialPinPad(port);
    await expect(pad.display(['请插卡', 'INSERT CARD'])).resolves.toBeUndefined();
  });

  it('rejects a missing port with a SerialPortError naming it', async () => {
    const error = await openSerialPort({ path: '/dev/pts/none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerialPortError);
    expect((error as SerialPortError).path).toBe('/dev/pts/none');
  });

  it('lists ports sorted by path', async () => {
    const ports = await listSerialPorts();
    const paths = ports.map((p) => p.path);
    expect(paths).toEqual([...paths].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    for (const p of ports) expect(typeof p.path).toBe('string');
  });
});
