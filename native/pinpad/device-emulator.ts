import type { Duplex } from 'node:stream';
import { ACK, encodeFrame, NAK, SerialFrameReader } from './serial-frame';
import {
  createSimulatedPinPad,
  type SimulatedPinPad,
  type SimulatedPinPadCrypto,
} from './simulated';
import { TEST_CARDS, type TestCard } from './test-cards';
import { PinPadError } from './types';

/** A PIN pad device on the far end of a serial link (or a socket standing in for one). */
export interface EmulatedPinPad {
  /** The cardholder's side: the deck of test cards and the keypad, as on the simulated pad. */
  readonly pad: SimulatedPinPad;
  /** Stops reading and answering the link. */
  detach(): void;
}

/**
 * Plays the PIN pad device of serial-frame.ts / serial-pinpad.ts on `port`:
 * every good frame is ACKed (a bad one NAKed), K loads the PIN key, C reads a
 * card, P takes the PIN and answers the encrypted PIN block, D displays, X
 * cancels the command in progress (which then answers nothing). Behind it is
 * the simulated pad's logic, so tests and the fault suite drive a terminal
 * outside training mode through the real serial protocol: the app talks to
 * its serial driver, the test presses keys on `pad` as a cardholder would.
 */
export function emulatePinPad(
  port: Duplex,
  crypto: SimulatedPinPadCrypto,
  deck: readonly TestCard[] = TEST_CARDS,
): EmulatedPinPad {
  const pad = createSimulatedPinPad(crypto, deck);
  const reader = new SerialFrameReader();
  let current: AbortController | null = null;

  const answer = (cmd: string, status: string, data: Buffer = Buffer.alloc(0)) =>
    port.write(encodeFrame({ cmd, data: Buffer.concat([Buffer.from(status, 'ascii'), data]) }));

  /** Runs a cardholder-facing command; its answer is dropped if X cancelled it meanwhile. */
  const serve = (cmd: string, work: (signal: AbortSignal) => Promise<Buffer>) => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    work(controller.signal)
      .then(
        (data) => {
          if (!controller.signal.aborted) answer(cmd, '00', data);
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          const code = err instanceof PinPadError ? err.code : null;
          answer(cmd, code === 'PINPAD_CANCELLED' ? '01' : code === 'PINPAD_TIMEOUT' ? '02' : '99');
        },
      )
      .finally(() => {
        if (current === controller) current = null;
      });
  };

  const command = (cmd: string, data: Buffer) => {
    switch (cmd) {
      case 'K':
        pad.loadPinKey(data.subarray(0, 16), data.subarray(16).toString('hex').toUpperCase()).then(
          () => answer('K', '00'),
          () => answer('K', '99'), // the key's check value doesn't match: refused
        );
        return;
      case 'C': {
        const amountFen = Number(data.toString('ascii', 0, 12));
        serve('C', async (signal) => {
          const card = await pad.readCard({ amountFen, signal });
          const t2 = card.track2 ?? '';
          const len = (s: string) => String(s.length).padStart(2, '0');
          return Buffer.from(
            `${card.entryMode}${len(card.pan)}${card.pan}${card.expiry}${len(t2)}${t2}`,
            'ascii',
          );
        });
        return;
      }
      case 'P': {
        const text = data.toString('ascii');
        const amountFen = Number(text.slice(0, 12));
        const pan = text.slice(14, 14 + Number(text.slice(12, 14)));
        serve('P', (signal) => pad.readPin({ pan, amountFen, signal }));
        return;
      }
      case 'D':
        return answer('D', '00');
      case 'X':
        current?.abort();
        current = null;
        pad.cancel();
        return;
      default:
        return answer(cmd, '99');
    }
  };

  const onData = (chunk: Buffer) => {
    for (const ev of reader.push(chunk)) {
      if (ev.type === 'bad-frame') port.write(Buffer.from([NAK]));
      else if (ev.type === 'frame') {
        port.write(Buffer.from([ACK]));
        command(ev.frame.cmd, ev.frame.data);
      }
    }
  };
  port.on('data', onData);
  return {
    pad,
    detach: () => {
      port.off('data', onData);
      current?.abort();
      pad.cancel();
    },
  };
}
