import { randomBytes, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  WEB_SOCKET_PATH,
  WEB_PAGE_PARAM,
  WEB_TOKEN_COOKIE,
  WEB_TOKEN_PARAM,
  type WebEventFrame,
  type WebRefusalFrame,
  type WebReplyFrame,
} from '../../preload/wire';
import type { PosCore } from '../core/pos-core';
import { crashPoint } from '../core/crash-point';
import { runInScreen, type Screen } from '../core/screen-scope';
import { errorFields, type Logger } from '../core/logger';
import { createPageScreens } from './page-screens';
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

/** Why a request or an upgrade is refused: the status and the words (zh first, en second). */
const REFUSALS = {
  badUrl: [400, '请求地址无效 / malformed request URL'],
  host: [
    421,
    '主机名不符，请打开启动时打印的地址 / wrong host name: open the address printed at start',
  ],
  token: [403, '需要启动时打印的带令牌地址 / open the URL with the token printed at start'],
  origin: [403, '不接受来自其他网站的连接 / connections from another site are refused'],
  method: [405, '只接受 GET 和 HEAD 请求 / method not allowed: only GET and HEAD'],
  notFound: [404, '没有这个文件 / not found'],
  socketPath: [404, '只在 /api 上接受 WebSocket / the WebSocket is at /api only'],
  internal: [500, '内部错误 / internal error'],
} as const satisfies Record<string, readonly [number, string]>;
type RefusalKind = keyof typeof REFUSALS;

/**
 * Headers every answer carries, refusals included: a refusal page may not be
 * framed or sniffed into something else either.
 */
const GUARD_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function refuse(res: ServerResponse, kind: RefusalKind) {
  const [status, text] = REFUSALS[kind];
  res.writeHead(status, {
    ...GUARD_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    ...(kind === 'method' ? { allow: 'GET, HEAD' } : {}),
  });
  res.end(text);
}

/** The same refusal on a socket asking for an upgrade (no ServerResponse there). */
function refuseUpgrade(socket: Duplex, kind: RefusalKind) {
  const [status, text] = REFUSALS[kind];
  const body = Buffer.from(text);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'content-type: text/plain; charset=utf-8\r\n' +
      `content-length: ${body.length}\r\n` +
      'x-content-type-options: nosniff\r\ncache-control: no-store\r\nconnection: close\r\n\r\n' +
      text,
  );
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
  /** How long a page's screen waits for it to reconnect (page-screens.ts). */
  pageGraceMs?: number;
}): Promise<WebShell> {
  const token = randomBytes(24).toString('base64url');
  const host = '127.0.0.1';
  let port = 0;
  const selfOrigins = () => [`http://${host}:${port}`, `http://localhost:${port}`];
  /** The request's URL, or null for a target no URL can be made of (`//[`, `http://[x`). */
  const requestUrl = (req: IncomingMessage): URL | null =>
    URL.parse(req.url ?? '/', `http://${host}:${port}`);
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
      if (!hostAllowed(req)) return refuse(res, 'host');
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method');
      const url = requestUrl(req);
      if (!url) return refuse(res, 'badUrl');
      const fromQuery = url.searchParams.get(WEB_TOKEN_PARAM);
      const authorised = sameToken(fromQuery, token) || sameToken(cookieToken(req), token);
      if (!authorised) return refuse(res, 'token');
      const file = await readStatic(opts.staticDir, url.pathname, req.headers['accept-encoding']);
      if (!file) return refuse(res, 'notFound');
      res.writeHead(200, {
        ...GUARD_HEADERS,
        'content-type': file.type,
        'content-security-policy': csp(),
        ...file.headers,
        ...(fromQuery
          ? { 'set-cookie': `${WEB_TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
          : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err: unknown) => {
      opts.logger.error('web shell request failed', errorFields(err));
      if (!res.headersSent) refuse(res, 'internal');
    });
  });

  /** Why an upgrade is refused (first reason found), or null to take it. */
  function upgradeRefusal(req: IncomingMessage): RefusalKind | null {
    const url = requestUrl(req);
    if (!url) return 'badUrl';
    if (url.pathname !== WEB_SOCKET_PATH) return 'socketPath';
    if (!hostAllowed(req)) return 'host';
    const origin = req.headers.origin;
    if (origin !== undefined && !selfOrigins().includes(origin)) return 'origin';
    const given = sameToken(url.searchParams.get(WEB_TOKEN_PARAM), token);
    return given || sameToken(cookieToken(req), token) ? null : 'token';
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the upgraded socket over without its own error listener: a
    // peer that resets it now must not take the process down.
    socket.on('error', (err) =>
      opts.logger.warn('web shell: upgrade socket error', { error: err.message }),
    );
    // This listener runs outside any promise: a throw here (new URL on a
    // target such as `//[`) would stop the whole till, token or not.
    let refused: RefusalKind | null;
    try {
      refused = upgradeRefusal(req);
    } catch (err) {
      opts.logger.error('web shell upgrade failed', errorFields(err));
      refused = 'internal';
    }
    if (refused) return refuseUpgrade(socket, refused);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const pageScreens = createPageScreens(opts.pageGraceMs);
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    // The socket's page is the screen: when it goes (reload, tab closed,
    // renderer crashed), the PIN-pad waits its calls started go with it.
    const { screen, closed } = pageScreens.open(
      requestUrl(req)?.searchParams.get(WEB_PAGE_PARAM) ?? null,
    );
    ws.on('close', (code) => closed(code));
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
      void handleFrame(ws, screen, String(data));
    });
  });

  function closeBadFrame(ws: WebSocket, code: number, why: string) {
    opts.logger.warn('web shell: frame refused, connection closed', { closeCode: code, why });
    ws.close(code, why);
  }

  /**
   * A frame that is not a request is answered, so a client is never left
   * waiting: INVALID_INPUT naming what was wrong (rules.frameNotJson,
   * frameNotObject, frameId), under the id it sent when that id can be
   * echoed (a string or a number), else under `id: null`. The socket stays usable.
   */
  function refuseFrame(ws: WebSocket, id: unknown, field: string, rule: string) {
    opts.logger.warn('web shell: frame refused', { rule });
    const echo =
      (typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isFinite(id))
        ? id
        : null;
    const reply: WebRefusalFrame = {
      id: echo,
      result: { ok: false, error: { code: 'INVALID_INPUT', fields: [{ field, rule }] } },
    };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  }

  async function handleFrame(ws: WebSocket, screen: Screen, text: string) {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return refuseFrame(ws, null, 'frame', 'frameNotJson');
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
      return refuseFrame(ws, null, 'frame', 'frameNotObject');
    const { id, channel, input, requestId } = frame as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id))
      return refuseFrame(ws, id, 'id', 'frameId');
    let result: unknown;
    try {
      result = await runInScreen(screen, () =>
        opts.core.dispatch(typeof channel === 'string' ? channel : '', input, {
          requestId: typeof requestId === 'string' ? requestId : undefined,
        }),
      );
    } catch (err) {
      // The router answers every call; what throws past it (the request log
      // unreadable, the database gone) must not become an unhandled
      // rejection, which stops the whole till, nor leave the caller waiting.
      opts.logger.error('web shell: dispatch failed', errorFields(err));
      result = { ok: false, error: { code: 'INTERNAL' } };
    }
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
      pageScreens.closeAll();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
