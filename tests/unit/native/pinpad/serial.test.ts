import { duplexPair, type Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ACK,
  encodeFrame,
  NAK,
  SerialFrameReader,
  STX,
} from '../../../../native/pinpad/serial-frame';
import { createSerialPinPad } from '../../../../native/pinpad/serial-pinpad';
import { PinPadError } from '../../../../native/pinpad/types';

describe('serial PIN pad framing', () => {
  it('encodes STX, BCD length, command, data, ETX and the XOR check', () => {
    const bytes = encodeFrame({ cmd: 'C', data: Buffer.from('000000001234', 'ascii') });
    // STX | 00 13 (13 bytes of CMD+DATA) | 'C' | '000000001234' | ETX | LRC
    expect(bytes.subarray(0, 4).toString('hex')).toBe('02001343');
    expect(bytes[bytes.length - 2]).toBe(0x03);
    let lrc = 0;
    for (const b of bytes.subarray(1, bytes.length - 1)) lrc ^= b;
    expect(bytes[bytes.length - 1]).toBe(lrc);
  });

  it('reads frames split across chunks, several per chunk, and ACK/NAK bytes in between', () => {
    const a = encodeFrame({ cmd: 'P', data: Buffer.from('00abc', 'ascii') });
    const b = encodeFrame({ cmd: 'D', data: Buffer.from('00', 'ascii') });
    const stream = Buffer.concat([Buffer.from([0x55, ACK]), a, Buffer.from([NAK]), b]);
    const reader = new SerialFrameReader();
    const events = [...reader.push(stream.subarray(0, 5)), ...reader.push(stream.subarray(5))];
    expect(events.map((e) => e.type)).toEqual(['ack', 'frame', 'nak', 'frame']);
    expect(events[1]).toEqual({
      type: 'frame',
      frame: { cmd: 'P', data: Buffer.from('00abc', 'ascii') },
    });
  });

  it('reports a corrupted frame instead of accepting it', () => {
    const good = encodeFrame({ cmd: 'C', data: Buffer.from('00', 'ascii') });
    const bad = Buffer.from(good);
    bad[4] = 0x31; // flip a data byte: LRC no longer matches
    expect(new SerialFrameReader().push(bad)).toEqual([
      { type: 'bad-frame', reason: 'LRC mismatch' },
    ]);
    expect(new SerialFrameReader().push(Buffer.from([STX, 0xab, 0xcd]))[0]).toMatchObject({
      type: 'bad-frame',
    });
  });
});

/** A device on the far end of the wire: answers commands the way a PIN pad does. */
function fakeDevice(
  port: Duplex,
  answer: (cmd: string, data: Buffer) => Buffer | null,
  opts: { nakFirst?: boolean } = {},
) {
  const reader = new SerialFrameReader();
  const seen: string[] = [];
  let nakked = false;
  port.on('data', (chunk: Buffer) => {
    for (const ev of reader.push(chunk)) {
      if (ev.type !== 'frame') continue;
      if (opts.nakFirst && !nakked) {
        nakked = true;
        port.write(Buffer.from([NAK]));
        continue;
      }
      seen.push(ev.frame.cmd);
      port.write(Buffer.from([ACK]));
      const data = answer(ev.frame.cmd, ev.frame.data);
      if (data) port.write(encodeFrame({ cmd: ev.frame.cmd, data }));
    }
  });
  return seen;
}

describe('serial PIN pad driver', () => {
  it('reads a swiped card and a PIN block, retransmitting after a NAK', async () => {
    const [app, device] = duplexPair();
    const seen = fakeDevice(
      device,
      (cmd, data) => {
        if (cmd === 'C')
          return Buffer.from(
            `00021${'16'}6222021234567890${'3012'}${'24'}6222021234567890=3012201`,
            'ascii',
          );
        if (cmd === 'P') {
          expect(data.toString('ascii')).toBe('000000001234166222021234567890');
          return Buffer.concat([
            Buffer.from('00', 'ascii'),
            Buffer.from('0123456789abcdef', 'hex'),
          ]);
        }
        return Buffer.from('00', 'ascii');
      },
      { nakFirst: true },
    );
    const pad = createSerialPinPad(app, { ackTimeoutMs: 200 });
    const card = await pad.readCard({ amountFen: 1234 });
    expect(card).toEqual({
      pan: '6222021234567890',
      expiry: '3012',
      entryMode: '021',
      track2: '6222021234567890=3012201',
    });
    const block = await pad.readPin({ pan: card.pan, amountFen: 1234 });
    expect(block.toString('hex')).toBe('0123456789abcdef');
    expect(seen).toEqual(['C', 'P']);
  });

  it('reports the cardholder cancelling on the pad', async () => {
    const [app, device] = duplexPair();
    fakeDevice(device, () => Buffer.from('01', 'ascii'));
    const pad = createSerialPinPad(app, { ackTimeoutMs: 200 });
    await expect(pad.readCard({ amountFen: 100 })).rejects.toMatchObject({
      code: 'PINPAD_CANCELLED',
    });
  });

  it('gives up with a fault when the pad never acknowledges', async () => {
    const [app] = duplexPair();
    const pad = createSerialPinPad(app, { ackTimeoutMs: 20, retries: 2 });
    const err = await pad.display(['hi']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PinPadError);
    expect((err as PinPadError).code).toBe('PINPAD_FAULT');
  });

  it('lets the terminal cancel a card read', async () => {
    const [app, device] = duplexPair();
    fakeDevice(device, () => null); // acknowledges, never answers
    const pad = createSerialPinPad(app, { ackTimeoutMs: 200 });
    const controller = new AbortController();
    const reading = pad.readCard({ amountFen: 100, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(reading).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
  });
});
