import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PosCore } from '../../../main/core/pos-core';
import { createLogger } from '../../../main/core/logger';
import { startWebShell, type WebShell } from '../../../main/web/server';
import { SETUP, setUpTerminal, signInCashier, startCore, tempDir } from '../../support/core';

let core: PosCore;
let shell: WebShell;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir();
  const staticDir = join(tmp.dir, 'web');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>POS</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
  core = (await startCore(join(tmp.dir, 'data'))).core;
  shell = await startWebShell({ core, staticDir, logger: createLogger({ level: 'error' }) });
});

afterAll(async () => {
  await shell.close();
  await core.close();
  tmp.remove();
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = {}) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, channel: string, input: unknown, requestId?: string) {
  return new Promise<unknown>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input, ...(requestId ? { requestId } : {}) }));
  });
}

describe('web shell', () => {
  it('listens on 127.0.0.1 and prints a URL carrying its token', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses every request without the token', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
  });

  it('serves the page with the token, sets the cookie, and sends a strict CSP', async () => {
    const r = await get(`/?token=${shell.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>POS</title>');
    expect(String(r.headers['set-cookie'])).toMatch(/pos_token=.*HttpOnly; SameSite=Strict/);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const asset = await get('/assets/app.js', { cookie: `pos_token=${shell.token}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('serves nothing outside the renderer folder and refuses foreign Host headers', async () => {
    const cookie = { cookie: `pos_token=${shell.token}` };
    expect((await get('/../secret.txt', cookie)).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt', cookie)).status).toBe(404);
    expect((await get(`/?token=${shell.token}`, { host: 'evil.example:80' })).status).toBe(421);
  });

  it('refuses WebSocket connections without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/403/);
    await expect(connect('?token=nope')).rejects.toThrow(/403/);
    await expect(
      connect(`?token=${shell.token}`, { origin: 'http://evil.example' }),
    ).rejects.toThrow(/403/);
  });

  it('carries the contract over the WebSocket and pushes events', async () => {
    const ws = await connect(`?token=${shell.token}`, { origin: `http://127.0.0.1:${shell.port}` });
    expect(await call(ws, 1, 'app:info', {})).toMatchObject({
      ok: true,
      value: { configured: false, training: true },
    });
    expect(await call(ws, 2, 'nope:nope', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await call(ws, 3, 'auth:signIn', { operatorNo: 7 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    await setUpTerminal(core, SETUP);
    await signInCashier(core);
    const events: unknown[] = [];
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { event?: string };
      if (f.event) events.push(f);
    });
    // A state-changing call over the wire needs its request id (issue 16): without one, refused.
    expect(await call(ws, 40, 'sale:cash', { amountFen: 1234, tenderedFen: 2000 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'requestId', rule: 'requestId' }] },
    });
    const sale = (await call(
      ws,
      4,
      'sale:cash',
      { amountFen: 1234, tenderedFen: 2000 },
      'c0ffee'.repeat(5) + '00',
    )) as { ok: boolean };
    expect(sale.ok).toBe(true);
    await core.internals.print.drain();
    await new Promise((r) => setImmediate(r));
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'print:jobChanged',
        payload: expect.objectContaining({ state: 'done' }),
      }),
    );
    // frames that aren't JSON or lack an id are ignored, and the socket stays usable
    ws.send('not json');
    ws.send(JSON.stringify({ channel: 'app:info' }));
    expect(await call(ws, 5, 'auth:session', {})).toMatchObject({
      ok: true,
      value: { session: { operatorNo: '01' } },
    });
    ws.close();
  });
});
