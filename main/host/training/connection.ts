import type { Socket } from 'node:net';
import {
  FrameReader,
  frame,
  swapTpdu,
  unframe,
  unpackBody,
  type Frame,
  type IsoMessage,
} from '../iso8583';
import { text } from '../messages';
import { maskPan } from './cards';
import { amountOf, terminalOf } from './common';
import type { HostContext } from './context';
import { handleRequest } from './handlers';
import { garbageBody, packReply, type Decision } from './reply';
import type { TrainingHostEvent } from './types';

export interface ConnectionDeps {
  readonly ctx: HostContext;
  readonly keepOpen: boolean;
  /** A wait that the host's close() cuts short. */
  readonly sleep: (ms: number) => Promise<void>;
}

type Fault = Extract<TrainingHostEvent, { kind: 'request' }>['fault'];

const remoteOf = (s: Socket) => `${s.remoteAddress ?? '?'}:${s.remotePort ?? '?'}`;

/**
 * One TCP connection: frames in, one answer per request, in order. Requests
 * on one connection are served one after the other, so a delayed answer never
 * overtakes the next one. Nothing here throws into the server: bad bytes or a
 * failure while answering close this connection only.
 */
export function serveConnection(socket: Socket, deps: ConnectionDeps): void {
  const { ctx } = deps;
  const remote = remoteOf(socket);
  const reader = new FrameReader();
  let queue = Promise.resolve();

  const giveUp = (kind: 'malformed' | 'error', err: unknown) => {
    ctx.emit({ kind, remote, detail: err instanceof Error ? err.message : String(err) });
    socket.destroy();
  };

  // Resets and aborts by the client are normal (it gave up waiting); never an unhandled error.
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    let frames: Buffer[];
    try {
      frames = reader.push(chunk);
    } catch (err) {
      // The stream can't be resynchronised after a bad length: drop the connection.
      giveUp('malformed', err);
      return;
    }
    for (const raw of frames) {
      queue = queue.then(() => serveFrame(raw)).catch((err: unknown) => giveUp('error', err));
    }
  });

  async function serveFrame(raw: Buffer): Promise<void> {
    // After a reply has closed our side, a pipelined request would be acted on unanswered: skip it.
    if (socket.destroyed || !socket.writable) return;
    let parts: Frame;
    let req: IsoMessage;
    try {
      parts = unframe(raw);
      req = unpackBody(parts.body);
    } catch (err) {
      giveUp('malformed', err);
      return;
    }

    const faults = ctx.faults.takeRequest();
    const forced: Fault = faults.drop
      ? 'drop'
      : faults.silent
        ? 'silent'
        : faults.garbage
          ? 'garbage'
          : null;
    // Drop, silent and garbage stand for a host that never got to the request: nothing is acted on.
    const decision: Decision | null = forced ? null : handleRequest(ctx, req, parts.body);
    const body = decision?.kind === 'reply' ? packReply(decision) : null;
    const responseCode = body && decision?.kind === 'reply' ? text(decision.message, 39) : null;
    const byFault = decision?.byFault ? 'reversal' : null;
    const mutate = !forced && body ? faults.mutate : null;
    record(
      req,
      responseCode,
      forced ?? byFault ?? (mutate ? 'mutate' : faults.delayMs > 0 ? 'delay' : null),
    );

    if (faults.delayMs > 0) {
      await deps.sleep(faults.delayMs);
      if (socket.destroyed) return;
    }
    if (forced === 'drop') {
      socket.destroy();
      return;
    }
    // Silent, the no-reply card and a silently failed reversal: the connection stays open
    // until the client gives up, exactly as with a host that lost the answer.
    if (forced === 'silent' || (!forced && !body)) return;
    const replyBody = forced === 'garbage' ? garbageBody() : (body ?? Buffer.alloc(0));
    send(parts, replyBody, mutate ? (reply) => mutate(reply, raw) : null);
  }

  function send(request: Frame, body: Buffer, mutate: ((reply: Buffer) => Buffer) | null): void {
    if (socket.destroyed || !socket.writable) return;
    const reply = frame({ tpdu: swapTpdu(request.tpdu), header: request.header, body });
    socket.write(mutate ? mutate(reply) : reply);
    if (!deps.keepOpen) socket.end();
  }

  function record(req: IsoMessage, responseCode: string | null, fault: Fault): void {
    const entry = {
      mti: req.mti,
      terminal: terminalOf(req) ?? '',
      trace: text(req, 11) ?? '',
      responseCode,
    };
    ctx.log.push(entry);
    const pan = text(req, 2);
    ctx.emit({
      kind: 'request',
      ...entry,
      panMasked: pan ? maskPan(pan) : null,
      amountFen: amountOf(req),
      fault,
    });
  }
}
