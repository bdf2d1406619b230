import type { Duplex } from 'node:stream';
import iconv from 'iconv-lite';
import { ACK, encodeFrame, NAK, SerialFrameReader, type SerialFrame } from './serial-frame';
import { PinPadError, type CardRead, type EntryMode, type PinPad } from './types';

/**
 * Driver for a PIN pad on a serial port (any Duplex: a `serialport` port in the
 * app, a pseudo-terminal or stream pair in tests). One command at a time:
 * send, wait for ACK (retransmit on NAK or silence, 3 tries), wait for the
 * answer frame, ACK it. Answers start with a 2-digit status: 00 ok, 01
 * cancelled on the pad, 02 timed out on the pad, anything else a fault.
 *
 * Commands: K load PIN key (key 16 ‖ check value 4), C read card (amount n12),
 * P read PIN (amount n12 ‖ PAN length n2 ‖ PAN), D display (GB18030 lines), X cancel.
 */
export interface SerialPinPadOptions {
  ackTimeoutMs?: number;
  /** How long the cardholder has to present a card or type a PIN. */
  answerTimeoutMs?: number;
  retries?: number;
}

export function createSerialPinPad(port: Duplex, opts: SerialPinPadOptions = {}): PinPad {
  const ackTimeoutMs = opts.ackTimeoutMs ?? 1000;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 60_000;
  const retries = opts.retries ?? 3;
  const reader = new SerialFrameReader();
  type Waiter = {
    kind: 'ack' | 'frame';
    resolve(v: SerialFrame | null): void;
    reject(e: Error): void;
  };
  let waiter: Waiter | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  // Answers can arrive in the same chunk as the ACK, before anyone waits for them.
  const inbox: Array<SerialFrame | 'ack' | 'nak'> = [];

  const deliver = () => {
    while (waiter && inbox.length > 0) {
      const i = inbox.findIndex((m) =>
        waiter?.kind === 'frame' ? typeof m !== 'string' : typeof m === 'string',
      );
      if (i < 0) return;
      const [m] = inbox.splice(i, 1);
      if (m === 'nak') waiter.reject(new PinPadError('PINPAD_FAULT', 'NAK'));
      else waiter.resolve(m === 'ack' || m === undefined ? null : m);
    }
  };

  port.on('data', (chunk: Buffer) => {
    for (const ev of reader.push(chunk)) {
      if (ev.type === 'bad-frame') port.write(Buffer.from([NAK]));
      else if (ev.type === 'frame') {
        port.write(Buffer.from([ACK]));
        inbox.push(ev.frame);
      } else inbox.push(ev.type);
    }
    deliver();
  });

  function await_(
    kind: Waiter['kind'],
    ms: number,
    signal?: AbortSignal,
  ): Promise<SerialFrame | null> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new PinPadError('PINPAD_TIMEOUT', `no ${kind} from the PIN pad in ${ms} ms`)),
          ),
        ms,
      );
      const onAbort = () =>
        done(() => reject(new PinPadError('PINPAD_CANCELLED', 'cancelled by the terminal')));
      const done = (fn: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        waiter = null;
        fn();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiter = {
        kind,
        resolve: (v) => done(() => resolve(v)),
        reject: (e) => done(() => reject(e)),
      };
      deliver();
    });
  }

  async function send(frame: SerialFrame): Promise<void> {
    const bytes = encodeFrame(frame);
    for (let attempt = 1; ; attempt++) {
      // A stale ACK/NAK must not answer this try (cleared before writing: a
      // device can answer before write() even returns).
      for (let i = inbox.length - 1; i >= 0; i--)
        if (typeof inbox[i] === 'string') inbox.splice(i, 1);
      port.write(bytes);
      try {
        await await_('ack', ackTimeoutMs);
        return;
      } catch (err) {
        if (attempt >= retries)
          throw new PinPadError(
            'PINPAD_FAULT',
            `PIN pad did not acknowledge ${frame.cmd} after ${retries} tries (${(err as Error).message})`,
          );
      }
    }
  }

  /** Sends a command and returns the answer's data after its status. Serialised. */
  function command(frame: SerialFrame, signal?: AbortSignal): Promise<Buffer> {
    const run = async () => {
      await send(frame);
      const answer = await await_('frame', answerTimeoutMs, signal);
      if (!answer || answer.cmd !== frame.cmd)
        throw new PinPadError('PINPAD_FAULT', `unexpected answer to ${frame.cmd}`);
      const status = answer.data.subarray(0, 2).toString('ascii');
      if (status === '01') throw new PinPadError('PINPAD_CANCELLED', 'cancelled on the PIN pad');
      if (status === '02') throw new PinPadError('PINPAD_TIMEOUT', 'timed out on the PIN pad');
      if (status !== '00') throw new PinPadError('PINPAD_FAULT', `PIN pad status ${status}`);
      return answer.data.subarray(2);
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  const amount12 = (fen: number) => String(fen).padStart(12, '0');

  return {
    kind: 'serial',
    async loadPinKey(pikUnderTmk, checkValue) {
      await command({
        cmd: 'K',
        data: Buffer.concat([pikUnderTmk, Buffer.from(checkValue, 'hex')]),
      });
    },
    async readCard({ amountFen, signal }) {
      const d = await command(
        { cmd: 'C', data: Buffer.from(amount12(amountFen), 'ascii') },
        signal,
      );
      const text = d.toString('ascii');
      const entryMode = text.slice(0, 3) as EntryMode;
      const panLen = Number(text.slice(3, 5));
      const pan = text.slice(5, 5 + panLen);
      const expiry = text.slice(5 + panLen, 9 + panLen);
      const t2Len = Number(text.slice(9 + panLen, 11 + panLen) || '0');
      const track2 = text.slice(11 + panLen, 11 + panLen + t2Len);
      if (
        !/^(021|051|071|012)$/.test(entryMode) ||
        !/^\d{13,19}$/.test(pan) ||
        !/^\d{4}$/.test(expiry)
      ) {
        throw new PinPadError('PINPAD_FAULT', 'PIN pad sent an unreadable card record');
      }
      const read: CardRead = { pan, expiry, entryMode };
      if (track2) read.track2 = track2;
      return read;
    },
    async readPin({ pan, amountFen, signal }) {
      const data = `${amount12(amountFen)}${String(pan.length).padStart(2, '0')}${pan}`;
      const block = await command({ cmd: 'P', data: Buffer.from(data, 'ascii') }, signal);
      if (block.length !== 8)
        throw new PinPadError('PINPAD_FAULT', `PIN block of ${block.length} bytes`);
      return Buffer.from(block);
    },
    async display(lines) {
      await command({ cmd: 'D', data: iconv.encode(lines.join('\n'), 'gb18030') });
    },
    cancel() {
      waiter?.reject(new PinPadError('PINPAD_CANCELLED', 'cancelled by the terminal'));
      port.write(encodeFrame({ cmd: 'X', data: Buffer.alloc(0) }));
    },
  };
}
