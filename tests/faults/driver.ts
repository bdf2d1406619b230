import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { listChannels, type Result } from '../../preload/contract';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM, type WebReplyFrame } from '../../preload/wire';

/** The channels that change state: sent with a request id, as preload/api.ts does. */
const COMMANDS = new Set(listChannels().flatMap(([name, spec]) => (spec.mutates ? [name] : [])));

/** What `app:outcome` said about a call whose answer was lost (preload/contract/app.ts). */
export type Outcome =
  | { state: 'done'; result: Result<unknown> }
  | { state: 'running' }
  | { state: 'interrupted'; vouchers: string[] }
  | { state: 'unknown' };

/**
 * One state-changing call as the parent (the renderer's stand-in) made it:
 * its request id and input, and the answer if one came back before the
 * terminal died — the record, kept outside the terminal, of what the
 * terminal acknowledged.
 */
export interface JournalCall {
  seq: number;
  rid: string;
  channel: string;
  input: unknown;
  /** The round (terminal process) it was sent in. */
  round: number;
  /** The order it works on, when the parent knows it. */
  orderId: number | null;
  /** The answer, if it arrived: the call was acknowledged. */
  reply?: Result<unknown>;
  /** Asked after the restart when the answer was lost. */
  outcome?: Outcome;
}

/** Thrown when the terminal went away (killed) before answering. */
export class Lost extends Error {
  constructor(channel: string) {
    super(`${channel}: no answer (the terminal went away)`);
  }
}

/**
 * A WebSocket client of the web shell (main/web/server.ts), speaking the same
 * frames as the renderer (preload/wire.ts): `{ id, channel, input, requestId }`
 * out, `{ id, result }` back. Every command is journaled before it is sent.
 */
export class Driver {
  private next = 1;
  private readonly waiting = new Map<number, (r: Result<unknown> | null) => void>();
  closed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly journal: JournalCall[],
    private readonly round: number,
  ) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Partial<WebReplyFrame>;
      if (typeof frame.id !== 'number') return; // an event frame
      this.waiting.get(frame.id)?.(frame.result as Result<unknown>);
      this.waiting.delete(frame.id);
    });
    const gone = () => {
      this.closed = true;
      for (const w of this.waiting.values()) w(null);
      this.waiting.clear();
    };
    ws.on('close', gone);
    ws.on('error', gone);
  }

  static connect(
    port: number,
    token: string,
    journal: JournalCall[],
    round: number,
  ): Promise<Driver> {
    const ws = new WebSocket(
      `ws://127.0.0.1:${port}${WEB_SOCKET_PATH}?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}`,
    );
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Driver(ws, journal, round)));
      // Killed between 'ready' and the connection: the round simply ends.
      ws.once('error', () => reject(new Lost('connect')));
    });
  }

  /** Sends one frame; null when the socket closed first. */
  private send(channel: string, input: unknown, requestId?: string) {
    if (this.closed) return Promise.resolve(null);
    const id = this.next++;
    return new Promise<Result<unknown> | null>((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, channel, input, requestId }), (err) => {
        if (err) resolve(null);
      });
    });
  }

  /** A call; a command is journaled with a fresh request id. Throws Lost if the terminal died. */
  async call<T = unknown>(
    channel: string,
    input: unknown = {},
    orderId: number | null = null,
  ): Promise<Result<T>> {
    if (!COMMANDS.has(channel)) {
      const r = await this.send(channel, input);
      if (!r) throw new Lost(channel);
      return r as Result<T>;
    }
    const entry: JournalCall = {
      seq: this.journal.length,
      rid: randomBytes(16).toString('hex'),
      channel,
      input,
      round: this.round,
      orderId,
    };
    this.journal.push(entry);
    const r = await this.send(channel, input, entry.rid);
    if (!r) throw new Lost(channel);
    entry.reply = r;
    return r as Result<T>;
  }

  /** Same request id again (a renderer's retry): must answer the recorded reply, change nothing. */
  async repeat(entry: JournalCall): Promise<Result<unknown> | null> {
    return this.send(entry.channel, entry.input, entry.rid);
  }

  close(): void {
    this.ws.close();
  }
}
