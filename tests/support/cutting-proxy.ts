import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server that a test can cut like a pulled cable:
 * the next chunk the server sends is dropped and both sides are closed, or
 * new connections are reset while "down". Everything else passes unchanged.
 */
export async function startCuttingProxy(targetPort: number) {
  const pairs = new Set<[Socket, Socket]>();
  let cutOnNextReply = false;
  let downAfterCut = false;
  let down = false;
  let cuts = 0;
  const server = createServer((client) => {
    client.on('error', () => undefined);
    if (down) return void client.resetAndDestroy();
    const upstream = connect(targetPort, '127.0.0.1');
    upstream.on('error', () => undefined);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('data', (d: Buffer) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (cutOnNextReply && client.readableLength === 0 && pairs.has(pair) && d[0] !== 0x48) {
        // 0x48 'H': the HTTP handshake answer passes; the first WebSocket frame after arming doesn't.
        cutOnNextReply = false;
        down = downAfterCut;
        cuts++;
        return end();
      }
      client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    /** The next thing the server sends is lost, and the connection with it (and, `thenDown`, new ones until `up()`). */
    cutNextReply(opts: { thenDown?: boolean } = {}) {
      cutOnNextReply = true;
      downAfterCut = opts.thenDown ?? false;
    },
    /** Cuts every connection now; with `stayDown`, new ones are reset until `up()`. */
    cutAll(stayDown = false) {
      down = stayDown;
      for (const [a, b] of [...pairs]) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
      cuts++;
    },
    up() {
      down = false;
    },
    cuts: () => cuts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
