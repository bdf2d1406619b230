import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';

/**
 * Throwaway certificates, made once with openssl and kept as fixtures (see
 * fixtures/tls/README.md): a test CA, a server certificate it issued for
 * IP 127.0.0.1 only (no DNS name, so "localhost" does not match), its key,
 * and an unrelated self-signed CA.
 */
const dir = join(import.meta.dirname, 'fixtures', 'tls');
const pem = (name: string) => readFileSync(join(dir, name), 'utf8');
export const TLS_FIXTURES = {
  ca: pem('ca.pem'),
  server: pem('server.pem'),
  serverKey: pem('server-key.pem'),
  otherCa: pem('other-ca.pem'),
};

/** A TLS front end for a plain-TCP host: what an acquirer's TLS gateway does. */
export interface TlsTerminator {
  readonly host: string;
  readonly port: number;
  /** Handshakes completed (the client trusted the certificate). */
  readonly handshakes: number;
  /** Application bytes received from clients, decrypted: 0 means nothing was sent. */
  readonly clearBytes: number;
  /** Handshakes that failed, as the server saw them (the client's alert or reset). */
  readonly failedHandshakes: string[];
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:0 with the fixture server certificate and pipes every
 * connection, once its handshake is done, to `target` over TCP. `chain`
 * (default true) sends the CA certificate after the server's, as a gateway
 * with a proper chain does; false sends the server certificate alone.
 */
export async function startTlsTerminator(
  target: { host: string; port: number },
  opts: { chain?: boolean } = {},
): Promise<TlsTerminator> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const state = { handshakes: 0, clearBytes: 0, failedHandshakes: [] as string[] };
  const cert = opts.chain === false ? TLS_FIXTURES.server : TLS_FIXTURES.server + TLS_FIXTURES.ca;
  const server = createServer({ key: TLS_FIXTURES.serverKey, cert }, (clear: TLSSocket) => {
    state.handshakes += 1;
    track(clear);
    const upstream = connect(target);
    track(upstream);
    clear.on('data', (chunk: Buffer) => {
      state.clearBytes += chunk.length;
    });
    clear.pipe(upstream).pipe(clear);
    const end = () => {
      clear.destroy();
      upstream.destroy();
    };
    clear.on('error', end);
    upstream.on('error', end);
    clear.on('close', end);
    upstream.on('close', end);
  });
  server.on('connection', track);
  server.on('tlsClientError', (err: NodeJS.ErrnoException) => {
    state.failedHandshakes.push(err.code ?? err.message);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('terminator has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    get handshakes() {
      return state.handshakes;
    },
    get clearBytes() {
      return state.clearBytes;
    },
    get failedHandshakes() {
      return [...state.failedHandshakes];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
