import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOffice } from '../../backoffice/server';
import { tempDir } from '../../support/core';
import { TOKEN, openTerminal, seedBatch, type Terminal } from '../sync/harness';

/**
 * A hostile back office: a loopback proxy in front of the real (test) back
 * office that can answer for it — wrongly — or cut the connection. The rule
 * (HOST-PROTOCOL.md part C): a batch is marked uploaded only when the back
 * office really acknowledged the commit of what was sent; anything else
 * leaves it queued and it goes again, resuming where it stopped.
 */

type Kind = 'header' | 'part' | 'commit';
type Mangle = (
  kind: Kind,
  part: number | null,
) => { status: number; body: string; type?: string } | 'drop' | 'echo' | 'pass';

let tmp: ReturnType<typeof tempDir>;
let office: BackOffice;
let t: Terminal;
let proxy: Server;
let mangle: Mangle = () => 'pass';
let proxyUrl = '';

beforeEach(async () => {
  tmp = tempDir('pos-hostile-bo-');
  office = await startBackOffice({ token: TOKEN });
  t = openTerminal(tmp.dir);
  mangle = () => 'pass';
  proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const m = /\/parts\/(\d+)$/.exec(url);
      const kind: Kind = url.endsWith('/commit') ? 'commit' : m ? 'part' : 'header';
      const what = mangle(kind, m ? Number(m[1]) : null);
      if (what === 'drop') {
        // Connection reset after the request arrived: the client hears nothing.
        req.socket.destroy();
        return;
      }
      if (what === 'echo') {
        // Acknowledges by repeating the request, without storing anything.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.concat(chunks));
        return;
      }
      if (what !== 'pass') {
        res.writeHead(what.status, { 'content-type': what.type ?? 'application/json' });
        res.end(what.body);
        return;
      }
      void fetch(`${office.baseUrl}${url}`, {
        method: req.method ?? 'PUT',
        headers: { authorization: req.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      }).then(async (r) => {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(await r.text());
      });
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  t.configure(proxyUrl);
});
afterEach(async () => {
  await t.close();
  await new Promise((r) => proxy.close(r));
  await office.close();
  tmp.remove();
});

const batch = () => t.repos.sync.get('000001');
const committed = () => office.batches().find((b) => b.batchNo === '000001')?.commit ?? null;

describe('the back office answers the commit wrongly: the batch is never marked uploaded', () => {
  it.each<[string, { status: number; body: string; type?: string }]>([
    ['another digest', { status: 200, body: JSON.stringify({ sha256: '0'.repeat(64) }) }],
    ['another count', { status: 201, body: JSON.stringify({ ok: true, count: 1 }) }],
    ['ok: false', { status: 200, body: JSON.stringify({ ok: false }) }],
    ['a JSON string, not an object', { status: 200, body: '"OK"' }],
    ['a JSON array', { status: 200, body: '[]' }],
    ['an HTML page with 200', { status: 200, body: '<html>portal</html>', type: 'text/html' }],
    ['HTTP 500', { status: 500, body: '<html>500</html>', type: 'text/html' }],
    ['HTTP 502', { status: 502, body: 'Bad Gateway', type: 'text/plain' }],
  ])('%s: stays queued, goes again, done only when really committed', async (_, answer) => {
    seedBatch(t, '000001', 1500);
    t.settle('000001');
    mangle = (kind) => (kind === 'commit' ? answer : 'pass');
    await t.deliver();
    expect(batch()).toMatchObject({ partsDone: 2, partsTotal: 2 });
    expect(batch()?.state).not.toBe('done');
    expect(batch()?.lastError).toMatch(/^commit: /);
    expect(t.outboxRow('000001')?.state).toBe('pending');
    if (answer.status < 300) expect(batch()?.lastError).toMatch(/bad-reply 20\d \(.+\)/);

    mangle = () => 'pass';
    await t.deliver();
    expect(batch()?.state).toBe('done');
    // Parts were not sent again: resumed at the commit.
    const parts = office.requests().filter((r) => r.kind === 'part');
    expect(parts).toHaveLength(2);
    expect(committed()).toMatchObject({ count: 1500, parts: 2 });
  });

  it('a commit answer that repeats exactly what was sent is taken', async () => {
    seedBatch(t, '000001', 10);
    t.settle('000001');
    mangle = (kind) => (kind === 'commit' ? 'echo' : 'pass');
    await t.deliver();
    expect(batch()?.state).toBe('done');
  });
});

describe('the connection drops mid-upload', () => {
  it('part 2 cut off: parts 1 stays acknowledged, 2 goes again, nothing doubled', async () => {
    seedBatch(t, '000001', 2500);
    t.settle('000001');
    mangle = (kind, part) => (kind === 'part' && part === 2 ? 'drop' : 'pass');
    await t.deliver();
    expect(batch()).toMatchObject({ partsDone: 1, partsTotal: 3 });
    expect(batch()?.state).not.toBe('done');
    expect(batch()?.lastError).toMatch(/^part 2: network/);
    mangle = () => 'pass';
    await t.deliver();
    expect(batch()?.state).toBe('done');
    const parts = office
      .requests()
      .filter((r) => r.kind === 'part')
      .map((r) => r.part);
    expect(parts).toEqual([1, 2, 3]);
  });
});
