import { Buffer } from 'node:buffer';
import type { Duplex } from 'node:stream';
import {
  encodeStatusBytes,
  type SimulatedPrinterState,
  statusByteFor,
  StatusQueryScanner,
} from './status';

/** The printer's end of a link, as the TCP simulator and the serial tests play it. */
export interface EmulatedPrinterLink {
  /** Everything received so far, minus the DLE EOT queries (which a printer never prints). */
  data(): Buffer;
  /** DLE EOT queries answered so far. */
  queries(): number;
  /** Stops reading and answering; `data()` keeps what was received. */
  detach(): void;
}

export interface EmulatePrinterOptions {
  /** Read at each query, so a test can change the state between two of them. */
  state: () => SimulatedPrinterState;
  /** Called with each chunk of print data as it arrives. */
  onData?: (data: Buffer) => void;
}

/**
 * Reads a byte stream the way an ESC/POS printer does: print data is kept, DLE EOT n is answered
 * at once with the status byte for the current state.
 *
 * Like a real printer it scans for DLE EOT in everything, so image data that happens to contain
 * those three bytes would be taken for a query; our receipts and logos don't rely on that.
 */
export function emulatePrinterOn(stream: Duplex, opts: EmulatePrinterOptions): EmulatedPrinterLink {
  const scanner = new StatusQueryScanner();
  const chunks: Buffer[] = [];
  let queries = 0;
  let attached = true;

  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const { data, queries: asked } = scanner.push(bytes);
    if (data.length > 0) {
      chunks.push(data);
      opts.onData?.(data);
    }
    if (asked.length > 0 && !stream.destroyed) {
      const answers = encodeStatusBytes(opts.state());
      queries += asked.length;
      stream.write(Buffer.from(asked.map((n) => statusByteFor(answers, n))));
    }
  };
  stream.on('data', onData);

  return {
    data: () => Buffer.concat(chunks),
    queries: () => queries,
    detach() {
      if (!attached) return;
      attached = false;
      stream.off('data', onData);
      const rest = scanner.flush();
      if (rest.length > 0) chunks.push(rest);
    },
  };
}
