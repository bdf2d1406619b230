import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay that keeps every byte each side sent, per connection, so a test
 * can read what really crossed the wire (not what the product says it sent).
 */
export interface Capture {
  sent: Buffer;
  received: Buffer;
}

export async function startRecordingRelay(targetPort: number) {
  const captures: Capture[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const cap: Capture = { sent: Buffer.alloc(0), received: Buffer.alloc(0) };
    captures.push(cap);
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (d: Buffer) => {
      cap.sent = Buffer.concat([cap.sent, d]);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      cap.received = Buffer.concat([cap.received, d]);
      client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    captures,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Cuts a byte stream into length-prefixed frames; a partial tail is an error. */
export function splitFrames(stream: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < stream.length) {
    if (at + 2 > stream.length) throw new Error(`stray byte at ${at}`);
    const len = stream.readUInt16BE(at);
    if (at + 2 + len > stream.length) throw new Error(`frame at ${at} declares ${len}, truncated`);
    out.push(stream.subarray(at, at + 2 + len));
    at += 2 + len;
  }
  return out;
}
