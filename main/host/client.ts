import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import {
  FrameReader,
  frame,
  unframe,
  unpackBody,
  IsoCodecError,
  type FieldValue,
  type IsoMessage,
} from './iso8583';

export interface HostEndpoint {
  host: string;
  port: number;
  tls: boolean;
  /**
   * With TLS: PEM text of the certificate(s) to trust instead of the system
   * CAs, for an acquirer with a private CA. Absent = the system CAs.
   */
  ca?: string;
  /** How long to wait for the answer once the request is sent (default 60 s). */
  timeoutMs: number;
  /** How long to wait for the connection itself. */
  connectTimeoutMs?: number;
  tpdu: Buffer;
  header: Buffer;
}

/**
 * What became of one request. The difference between `not-sent` and
 * `no-answer` decides whether a reversal is needed: a request that never left
 * can't have been approved; one that left and got no usable answer might have.
 * A failed TLS handshake (certificate not trusted, name mismatch, reset during
 * the handshake) is `not-sent` with reason `tls`: the request is only written
 * once the handshake has succeeded; `detail` is then the OpenSSL/Node error
 * code, e.g. SELF_SIGNED_CERT_IN_CHAIN or ERR_TLS_CERT_ALTNAME_INVALID.
 */
export type ExchangeResult =
  | { kind: 'reply'; message: IsoMessage; body: Buffer }
  | { kind: 'not-sent'; reason: 'unreachable' | 'connect-timeout' | 'tls'; detail: string }
  | {
      kind: 'no-answer';
      reason: 'timeout' | 'closed' | 'malformed';
      detail: string;
      /** Bytes of an incomplete reply that had arrived (timeout, closed): the cashier is told. */
      received?: number;
    };

export function endpointLabel(e: Pick<HostEndpoint, 'host' | 'port'>): string {
  return `${e.host}:${e.port}`;
}

/**
 * One request, one reply, over a fresh TCP (or TLS) connection that we close
 * afterwards, so it works whether the host closes after replying or keeps the
 * connection open. Never throws for network conditions.
 */
export function exchange(
  endpoint: HostEndpoint,
  body: Buffer,
  /** Called once the request has gone out (the reply wait starts): for the cashier's countdown. */
  onSent?: () => void,
): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    let settled = false;
    let sent = false;
    /** The TCP connection is up (with TLS: the handshake may still fail). */
    let connected = false;
    let timer: NodeJS.Timeout | null = null;
    let conn: Socket | null = null;
    const reader = new ReplyReader();
    const finish = (result: ExchangeResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      conn?.destroy();
      resolve(result);
    };
    const arm = (ms: number, onTimeout: () => void) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };

    const options = { host: endpoint.host, port: endpoint.port };
    let opened: Socket;
    try {
      opened = endpoint.tls
        ? tlsConnect({
            ...options,
            // SNI carries host names only (RFC 6066); the certificate is checked against `host` either way.
            ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
            ...(endpoint.ca ? { ca: endpoint.ca } : {}),
          })
        : netConnect(options);
    } catch (err) {
      // e.g. a CA setting the TLS library cannot load: nothing went out.
      const e = err as NodeJS.ErrnoException;
      return finish({
        kind: 'not-sent',
        reason: endpoint.tls ? 'tls' : 'unreachable',
        detail: e.code ?? e.message,
      });
    }
    const socket = (conn = opened);
    const connectedEvent = endpoint.tls ? 'secureConnect' : 'connect';
    /** Why nothing went out: before TCP was up, the host is unreachable; after, with TLS, the handshake failed. */
    const notSentReason = () => (endpoint.tls && connected ? 'tls' : 'unreachable');

    arm(endpoint.connectTimeoutMs ?? Math.min(endpoint.timeoutMs, 10_000), () =>
      finish({
        kind: 'not-sent',
        reason: 'connect-timeout',
        detail:
          endpoint.tls && connected
            ? `no TLS handshake with ${endpointLabel(endpoint)}`
            : `no connection to ${endpointLabel(endpoint)}`,
      }),
    );

    socket.once('connect', () => {
      connected = true;
    });
    socket.once(connectedEvent, () => {
      sent = true;
      arm(endpoint.timeoutMs, () =>
        finish({
          kind: 'no-answer',
          reason: 'timeout',
          received: reader.buffered,
          // A reply that trickles in and is still incomplete at the deadline is named as such.
          detail:
            reader.buffered > 0
              ? `reply incomplete after ${endpoint.timeoutMs} ms (${reader.buffered} byte(s) received)`
              : `no reply within ${endpoint.timeoutMs} ms`,
        }),
      );
      socket.write(frame({ tpdu: endpoint.tpdu, header: endpoint.header, body }));
      onSent?.();
    });

    socket.on('data', (chunk: Buffer) => {
      const result = reader.push(chunk);
      if (result) finish(result);
    });

    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!sent)
        finish({ kind: 'not-sent', reason: notSentReason(), detail: err.code ?? err.message });
      else
        finish({
          kind: 'no-answer',
          reason: 'closed',
          received: reader.buffered,
          detail: err.code ?? err.message,
        });
    });
    socket.on('close', () => {
      if (!sent)
        finish({
          kind: 'not-sent',
          reason: notSentReason(),
          detail:
            notSentReason() === 'tls'
              ? 'connection closed during the TLS handshake'
              : 'connection closed before sending',
        });
      else
        finish({
          kind: 'no-answer',
          reason: 'closed',
          received: reader.buffered,
          detail:
            reader.buffered > 0
              ? `host closed the connection after ${reader.buffered} byte(s) of an incomplete reply`
              : 'host closed the connection without a reply',
        });
    });
  });
}

/** What one frame makes: the reply, or a malformed one (no answer, to the caller). */
export type ReplyOutcome =
  | Extract<ExchangeResult, { kind: 'reply' }>
  | { kind: 'no-answer'; reason: 'malformed'; detail: string };

const malformed = (detail: string): ReplyOutcome => ({
  kind: 'no-answer',
  reason: 'malformed',
  detail,
});

/** Field 39 as every reply of the profile carries it: two letters or digits (an2). */
const RESPONSE_CODE = /^[A-Za-z0-9]{2}$/;

/**
 * Decodes one complete frame (length prefix included) as a reply. Whatever
 * does not parse, or is no reply at all, is `malformed`: to the caller the
 * same as no answer (a reversal where the request was reversible). A message
 * without a response code (39) is not a reply: taking it as one would make
 * it a "decline" of unknown meaning and stand the reversal down, when the
 * host may well have approved.
 */
export function decodeReply(whole: Buffer): ReplyOutcome {
  let message: IsoMessage;
  let body: Buffer;
  try {
    body = unframe(whole).body;
    message = unpackBody(body);
  } catch (err) {
    // Only codec errors are expected here; anything else is a codec bug, still no answer.
    return malformed(err instanceof IsoCodecError ? err.message : `decoder failed: ${String(err)}`);
  }
  const code: FieldValue | undefined = message.fields.get(39);
  if (typeof code !== 'string' || !RESPONSE_CODE.test(code)) {
    return malformed(
      code === undefined
        ? `reply ${message.mti} has no response code (field 39)`
        : `reply ${message.mti} has response code ${JSON.stringify(code)}, not two letters or digits`,
    );
  }
  return { kind: 'reply', message, body };
}

/**
 * The receiving half of `exchange`, without the socket: bytes in, in the
 * chunks TCP hands them over, and out the first frame's verdict — `null`
 * while it is incomplete, then the reply or `malformed` (a bad length
 * prefix, a frame that doesn't decode). Only the first frame counts; what
 * follows it is never looked at. Never throws.
 */
export class ReplyReader {
  private readonly frames: FrameReader;
  private done: ReplyOutcome | null = null;

  constructor(maxFrameLength?: number) {
    this.frames = new FrameReader(maxFrameLength);
  }

  /** Bytes of a reply received but not yet a complete frame. */
  get buffered(): number {
    return this.frames.buffered;
  }

  push(chunk: Buffer): ReplyOutcome | null {
    if (this.done) return this.done;
    let frames: Buffer[];
    try {
      frames = this.frames.push(chunk);
    } catch (err) {
      this.done = malformed(
        err instanceof IsoCodecError ? err.message : `framing failed: ${String(err)}`,
      );
      return this.done;
    }
    const first = frames[0];
    if (!first) return null;
    this.done = decodeReply(first);
    return this.done;
  }
}
