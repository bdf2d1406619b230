import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  WEB_SOCKET_PATH,
  WEB_TOKEN_COOKIE,
  WEB_TOKEN_PARAM,
  type WebEventFrame,
  type WebReplyFrame,
} from '../../preload/wire';
import type { PosCore } from '../core/pos-core';
import { crashPoint } from '../core/crash-point';
import { errorFields, type Logger } from '../core/logger';
import { readStatic } from './static-files';

export interface WebShell {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** The largest message the contract ever needs; a bigger one is refused (close 1009). */
const MAX_FRAME_BYTES = 1024 * 1024;
/** WebSocket close code (RFC 6455 §7.4.1) for a well-formed frame of a kind we don't speak. */
const CLOSE_UNSUPPORTED_DATA = 1003;

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === WEB_TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

function refuse(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/**
 * The web shell: serves the built renderer and carries the same contract as the
 * Electron IPC over a WebSocket. It listens on 127.0.0.1 only, answers only
 * requests that present its per-start token (URL once, then an HttpOnly
 * cookie), and only Host/Origin headers naming itself (no DNS rebinding).
 */
export async function startWebShell(opts: {
  core: PosCore;
  staticDir: string;
  logger: Logger;
  port?: number;
}): Promise<WebShell> {
  const token = randomBytes(24).toString('base64url');
  const host = '127.0.0.1';
  let port = 0;
  const selfOrigins = () => [`http://${host}:${port}`, `http://localhost:${port}`];
  const hostAllowed = (req: IncomingMessage) =>
    selfOrigins().some((o) => o === `http://${req.headers.host ?? ''}`);

  const csp = () =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ws://${host}:${port} ws://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');

  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req)) return refuse(res, 421, 'wrong host / 主机名不符');
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return refuse(res, 405, 'method not allowed');
      const url = new URL(req.url ?? '/', `http://${host}:${port}`);
      const fromQuery = url.searchParams.get(WEB_TOKEN_PARAM);
      const authorised = sameToken(fromQuery, token) || sameToken(cookieToken(req), token);
      if (!authorised) {
        return refuse(
          res,
          403,
          '需要启动时打印的带令牌地址 / open the URL with the token printed at start',
        );
      }
      const file = await readStatic(opts.staticDir, url.pathname, req.headers['accept-encoding']);
      if (!file) return refuse(res, 404, 'not found');
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': csp(),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...file.headers,
        ...(fromQuery
          ? { 'set-cookie': `${WEB_TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
          : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err: unknown) => {
      opts.logger.error('web shell request failed', errorFields(err));
      if (!res.headersSent) refuse(res, 500, 'internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the upgraded socket over without its own error listener: a
    // peer that resets it now must not take the process down.
    socket.on('error', (err) =>
      opts.logger.warn('web shell: upgrade socket error', { error: err.message }),
    );
    const url = new URL(req.url ?? '/', `http://${host}:${port}`);
    const originOk = req.headers.origin === undefined || selfOrigins().includes(req.headers.origin);
    if (
      url.pathname !== WEB_SOCKET_PATH ||
      !hostAllowed(req) ||
      !originOk ||
      !(
        sameToken(url.searchParams.get(WEB_TOKEN_PARAM), token) ||
        sameToken(cookieToken(req), token)
      )
    ) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    // A malformed frame (invalid UTF-8, a reserved opcode or bit, an unmasked
    // or oversized frame, a bad close code…) makes ws close this socket with
    // the matching close code (1002/1007/1009) and emit 'error': without this
    // listener that error would stop the whole process (issue 16).
    ws.on('error', (err: Error & { code?: string }) => {
      opts.logger.warn('web shell: malformed frame, connection closed', {
        code: err.code ?? null,
        error: err.message,
      });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return closeBadFrame(ws, CLOSE_UNSUPPORTED_DATA, 'binary frame');
      void handleFrame(ws, String(data));
    });
  });

  function closeBadFrame(ws: WebSocket, code: number, why: string) {
    opts.logger.warn('web shell: frame refused, connection closed', { closeCode: code, why });
    ws.close(code, why);
  }

  async function handleFrame(ws: WebSocket, text: string) {
    // Text that isn't a request frame has no id to answer to: it is logged and
    // dropped, and the socket stays usable.
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return opts.logger.warn('web shell: frame is not JSON, ignored', { bytes: text.length });
    }
    const { id, channel, input, requestId } = (frame ?? {}) as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id))
      return opts.logger.warn('web shell: frame without a request id, ignored');
    const result = await opts.core.dispatch(typeof channel === 'string' ? channel : '', input, {
      requestId: typeof requestId === 'string' ? requestId : undefined,
    });
    const reply: WebReplyFrame = { id, result };
    crashPoint('reply:before-send');
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  }

  const unsubscribe = opts.core.onEvent((event, payload) => {
    const frame: WebEventFrame = { event, payload };
    const text = JSON.stringify(frame);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/?${WEB_TOKEN_PARAM}=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
