import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange } from '../../../main/host/client';
import { defaultHeader, defaultTpdu, frame, packBody } from '../../../main/host/iso8583';

/**
 * The client's exchange against a raw TCP host that answers at the wrong
 * pace or breaks off: a reply trickled one byte per 100 ms past the timeout,
 * a reply after the timeout, a connection reset half-way through a reply.
 * Each ends as no answer (the caller reverses) with the fault named, never
 * hangs, never throws.
 */

const REPLY = frame({
  tpdu: defaultTpdu(),
  header: defaultHeader(),
  body: packBody({
    mti: '0210',
    fields: new Map<number, string>([
      [3, '000000'],
      [4, '000000001234'],
      [11, '000001'],
      [39, '00'],
      [41, 'T0000001'],
    ]),
  }),
});
const REQUEST = packBody({ mti: '0200', fields: new Map([[11, '000001']]) });

let server: Server | null = null;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(null));
  server = null;
});

async function host(onRequest: (s: Socket) => void) {
  server = createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', () => onRequest(s));
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    tls: false,
    timeoutMs: 500,
    tpdu: defaultTpdu(),
    header: defaultHeader(),
  };
}

describe('a host at the wrong pace', () => {
  it('a reply trickled one byte per 100 ms is cut at the timeout, named incomplete', async () => {
    const endpoint = await host((s) => {
      let i = 0;
      const t = setInterval(() => {
        if (s.destroyed || i >= REPLY.length) return clearInterval(t);
        s.write(REPLY.subarray(i, ++i));
      }, 100);
      s.on('close', () => clearInterval(t));
    });
    const started = Date.now();
    const r = await exchange(endpoint, REQUEST);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(r).toMatchObject({ kind: 'no-answer', reason: 'timeout' });
    expect(r.kind === 'no-answer' && r.detail).toMatch(
      /reply incomplete after 500 ms \(\d+ byte\(s\) received\)/,
    );
  });

  it('a reply trickled fast enough is taken whole', async () => {
    const endpoint = await host((s) => {
      let i = 0;
      const t = setInterval(() => {
        if (s.destroyed || i >= REPLY.length) return clearInterval(t);
        s.write(REPLY.subarray(i, (i += 8)));
      }, 5);
    });
    const r = await exchange({ ...endpoint, timeoutMs: 3000 }, REQUEST);
    expect(r.kind).toBe('reply');
  });

  it('a reply after the timeout is no answer', async () => {
    const endpoint = await host((s) => setTimeout(() => !s.destroyed && s.write(REPLY), 800));
    const r = await exchange(endpoint, REQUEST);
    expect(r).toMatchObject({
      kind: 'no-answer',
      reason: 'timeout',
      detail: 'no reply within 500 ms',
    });
  });

  it('a connection reset half-way through the reply is named', async () => {
    const endpoint = await host((s) => {
      s.write(REPLY.subarray(0, 20));
      setTimeout(() => s.resetAndDestroy(), 50);
    });
    const r = await exchange(endpoint, REQUEST);
    expect(r.kind).toBe('no-answer');
    if (r.kind === 'no-answer') expect(r.reason).toBe('closed');
  });

  it('a 64 KiB length prefix followed by a flood does not buffer it', async () => {
    const endpoint = await host((s) => {
      s.write(Buffer.from([0xff, 0xff]));
      s.write(Buffer.alloc(60_000, 0x41));
    });
    const r = await exchange(endpoint, REQUEST);
    expect(r).toMatchObject({ kind: 'no-answer', reason: 'malformed' });
    expect(r.kind === 'no-answer' && r.detail).toMatch(/declares 65535 bytes/);
  });
});
