/**
 * Raw WebSocket frames at the web shell (issue 16): the IPC fuzz test sends
 * hostile payloads inside well-formed frames; this one breaks the frames
 * themselves. Each case opens its own connection (real handshake, with the
 * token), writes hand-made bytes and checks the close code the server
 * answers with (RFC 6455 §7.4.1: 1002 protocol error, 1003 unsupported data,
 * 1007 invalid UTF-8, 1009 too big). After every case a healthy client still
 * gets answers: one bad frame never stops the till. A seeded run of random
 * bytes after the handshake follows (FUZZ_SEED repeats it).
 */
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PosCore } from '../../../main/core/pos-core';
import { createLogger } from '../../../main/core/logger';
import { startWebShell, type WebShell } from '../../../main/web/server';
import { startCore, tempDir } from '../../support/core';
import { createRng, seedFromEnv } from './generators';

const SEED = seedFromEnv(process.env.FUZZ_SEED, () => randomBytes(4).readUInt32LE(0));
const RANDOM_ROUNDS = 150;
const MAX = 1024 * 1024;

let core: PosCore;
let shell: WebShell;
let tmp: ReturnType<typeof tempDir>;
let survived = 0;

beforeAll(async () => {
  tmp = tempDir('pos-ws-');
  const staticDir = join(tmp.dir, 'web');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>POS</title>');
  core = (await startCore(join(tmp.dir, 'data'))).core;
  shell = await startWebShell({
    core,
    staticDir,
    logger: createLogger({ file: join(tmp.dir, 'web.log') }),
  });
});

afterAll(async () => {
  await shell?.close();
  await core?.close();
  tmp?.remove();
  console.log(`ws-frames seed ${SEED}: ${survived} malformed frames/streams survived`);
});

interface FrameOpts {
  fin?: boolean;
  rsv?: number;
  mask?: boolean;
  /** Claimed payload length when it differs from the bytes sent. */
  claim?: bigint;
}

/** A client frame: FIN/RSV/opcode, the length in its 7/16/64-bit form, the mask, the masked payload. */
function frame(opcode: number, payload: Buffer, o: FrameOpts = {}): Buffer {
  const fin = o.fin ?? true;
  const mask = o.mask ?? true;
  const length = o.claim ?? BigInt(payload.length);
  const head = [(fin ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | opcode];
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push((mask ? 0x80 : 0) | Number(length));
  else if (length < 65536n) {
    head.push((mask ? 0x80 : 0) | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push((mask ? 0x80 : 0) | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

const text = (s: string | Buffer, o?: FrameOpts) =>
  frame(0x1, typeof s === 'string' ? Buffer.from(s) : s, o);
const closeFrame = (code: number, reason: Buffer = Buffer.alloc(0)) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return frame(0x8, Buffer.concat([b, reason]));
};

/** Opens a raw TCP connection and performs the WebSocket handshake with the token. */
async function rawSocket(): Promise<{ socket: Socket; received: () => Buffer }> {
  const socket = tcpConnect(shell.port, '127.0.0.1');
  socket.on('error', () => undefined); // the server may reset: that is its right
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(
    [
      `GET /api?token=${shell.token} HTTP/1.1`,
      `Host: 127.0.0.1:${shell.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  let data = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => (data = Buffer.concat([data, d])));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', check);
      const head = data.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${head}`));
      data = data.subarray(end + 4);
      resolve();
    };
    socket.on('data', check);
  });
  return { socket, received: () => data };
}

/** The close code of the first close frame the server sent, or null if none. */
function closeCodeIn(bytes: Buffer): number | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let len = bytes[at + 1]! & 0x7f;
    let off = at + 2;
    if (len === 126) {
      len = bytes.readUInt16BE(off);
      off += 2;
    } else if (len === 127) {
      len = Number(bytes.readBigUInt64BE(off));
      off += 8;
    }
    if (opcode === 0x8) return len >= 2 ? bytes.readUInt16BE(off) : 1005;
    at = off + len;
  }
  return null;
}

/** Sends the bytes and waits for the server's close frame (or its end of the connection); its close code. */
async function sendAndWaitClose(chunks: Buffer[], timeoutMs = 5000): Promise<number | null> {
  const { socket, received } = await rawSocket();
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.on('data', () => {
      if (closeCodeIn(received()) !== null) resolve();
    });
  });
  for (const c of chunks) socket.write(c);
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  await closed;
  clearTimeout(timer);
  socket.destroy();
  return closeCodeIn(received());
}

/** A healthy client gets its answer: the shell is still up. */
async function shellAnswers() {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api?token=${shell.token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const reply = await new Promise<unknown>((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(String(d))));
    ws.send(JSON.stringify({ id: 1, channel: 'app:info', input: {} }));
  });
  ws.close();
  expect(reply).toMatchObject({ id: 1, result: { ok: true } });
}

const BAD_UTF8 = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28]);

const CASES: Array<{ name: string; bytes: () => Buffer[]; code: number }> = [
  { name: '6-byte text frame of invalid UTF-8', bytes: () => [text(BAD_UTF8)], code: 1007 },
  ...[0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf].map((op) => ({
    name: `reserved opcode 0x${op.toString(16)}`,
    bytes: () => [frame(op, Buffer.from('{}'))],
    code: 1002,
  })),
  ...[1, 2, 4].map((rsv) => ({
    name: `RSV bits ${rsv.toString(2).padStart(3, '0')} without an extension`,
    bytes: () => [text('{}', { rsv })],
    code: 1002,
  })),
  {
    name: 'a frame claiming 1 MiB + 1 byte',
    bytes: () => [text(Buffer.alloc(64, 0x20), { claim: BigInt(MAX + 1) })],
    code: 1009,
  },
  {
    name: 'a frame claiming 2^63 bytes',
    bytes: () => [text(Buffer.alloc(8), { claim: 1n << 63n })],
    code: 1009,
  },
  {
    name: 'a fragmented message growing past 1 MiB',
    bytes: () => [
      text(Buffer.alloc(MAX / 2, 0x20), { fin: false }),
      frame(0x0, Buffer.alloc(MAX / 2, 0x20), { fin: false }),
      frame(0x0, Buffer.alloc(16, 0x20)),
    ],
    code: 1009,
  },
  { name: 'an unmasked client frame', bytes: () => [text('{}', { mask: false })], code: 1002 },
  {
    name: 'a ping with 126 bytes (control frames carry ≤ 125)',
    bytes: () => [frame(0x9, Buffer.alloc(126))],
    code: 1002,
  },
  {
    name: 'a fragmented ping',
    bytes: () => [frame(0x9, Buffer.alloc(4), { fin: false })],
    code: 1002,
  },
  {
    name: 'a continuation with nothing to continue',
    bytes: () => [frame(0x0, Buffer.from('{}'))],
    code: 1002,
  },
  {
    name: 'a new text frame inside a fragmented one',
    bytes: () => [text('{"id":', { fin: false }), text('1}')],
    code: 1002,
  },
  {
    name: 'invalid UTF-8 split across fragments',
    bytes: () => [text(BAD_UTF8.subarray(0, 1), { fin: false }), frame(0x0, BAD_UTF8.subarray(1))],
    code: 1007,
  },
  { name: 'close code 999', bytes: () => [closeFrame(999)], code: 1002 },
  { name: 'close code 1005 (reserved, never sent)', bytes: () => [closeFrame(1005)], code: 1002 },
  {
    name: 'close frame with a 1-byte body',
    bytes: () => [frame(0x8, Buffer.from([3]))],
    code: 1002,
  },
  { name: 'close reason of invalid UTF-8', bytes: () => [closeFrame(1000, BAD_UTF8)], code: 1007 },
  {
    name: 'a binary frame (the contract is text)',
    bytes: () => [frame(0x2, Buffer.from('{"id":1,"channel":"app:info","input":{}}'))],
    code: 1003,
  },
];

describe(`web shell: malformed WebSocket frames (seed ${SEED})`, () => {
  for (const c of CASES) {
    it(`${c.name} → closed with ${c.code}, the shell keeps answering`, async () => {
      expect(await sendAndWaitClose(c.bytes())).toBe(c.code);
      survived++;
      await shellAnswers();
    });
  }

  it('a frame of exactly 1 MiB is still taken (the cap is the limit, not below it)', async () => {
    const request = JSON.stringify({ id: 7, channel: 'app:info', input: {} });
    const padded = request + ' '.repeat(MAX - Buffer.byteLength(request));
    const { socket, received } = await rawSocket();
    socket.write(text(padded));
    await expect.poll(() => received().toString('latin1'), { timeout: 5000 }).toContain('"id":7');
    socket.destroy();
  });

  it('text that is not a request frame is dropped and the socket stays usable', async () => {
    const { socket, received } = await rawSocket();
    socket.write(text('not json'));
    socket.write(text('{"channel":"app:info"}'));
    socket.write(text(JSON.stringify({ id: 9, channel: 'app:info', input: {} })));
    await expect.poll(() => received().toString('latin1'), { timeout: 5000 }).toContain('"id":9');
    expect(closeCodeIn(received())).toBeNull();
    socket.destroy();
  });

  it('a connection reset in the middle of a frame or of the handshake', async () => {
    const { socket } = await rawSocket();
    socket.write(text(Buffer.alloc(1000, 0x20)).subarray(0, 300));
    socket.resetAndDestroy();
    const half = tcpConnect(shell.port, '127.0.0.1');
    half.on('error', () => undefined);
    await new Promise<void>((resolve) => half.once('connect', resolve));
    half.write(`GET /api?token=${shell.token} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nUpg`);
    half.resetAndDestroy();
    survived += 2;
    await shellAnswers();
  });

  it(`${RANDOM_ROUNDS} connections of seeded random bytes after the handshake`, async () => {
    const rng = createRng(SEED);
    for (let i = 0; i < RANDOM_ROUNDS; i++) {
      const n = 1 + rng.int(rng.chance(0.2) ? 4000 : 40);
      const bytes = Buffer.alloc(n);
      for (let j = 0; j < n; j++) bytes[j] = rng.int(256);
      // Some start like a real frame header so the parser gets past the first byte.
      if (rng.chance(0.5)) bytes[0] = (rng.chance(0.5) ? 0x80 : 0) | rng.int(16);
      if (n > 1 && rng.chance(0.5)) bytes[1] = 0x80 | rng.int(128);
      // Random bytes may also be a harmless incomplete frame: don't wait for a close forever.
      await sendAndWaitClose([bytes], 300);
      survived++;
    }
    await shellAnswers();
  }, 120_000);
});
