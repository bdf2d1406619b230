import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, type ExchangeResult, type HostEndpoint } from '../../../main/host/client';
import { packWithMac, signInRequest } from '../../../main/host/messages';
import type { TrainingHost } from '../../../main/host/training';
import { IDS, endpointOf, expectReply, field, startHost } from './harness';
import { TLS_FIXTURES, startTlsTerminator, type TlsTerminator } from './tls-terminator';

let host: TrainingHost | null = null;
const terminators: TlsTerminator[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(terminators.splice(0).map((t) => t.close()));
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await host?.close();
  host = null;
});

/** The training host (plain TCP) behind a TLS terminator on 127.0.0.1:0. */
async function tlsHost(opts: { chain?: boolean } = {}) {
  host = await startHost();
  const terminator = await startTlsTerminator(host, opts);
  terminators.push(terminator);
  return terminator;
}

function tlsEndpoint(
  to: { port: number },
  extra: Partial<HostEndpoint> & { host?: string } = {},
): HostEndpoint {
  return { ...endpointOf(host!, 5_000), host: '127.0.0.1', port: to.port, tls: true, ...extra };
}

let trace = 0;
const signIn = (endpoint: HostEndpoint): Promise<ExchangeResult> =>
  exchange(endpoint, packWithMac(signInRequest(IDS, String(++trace).padStart(6, '0'), '01'), null));

/** A failed handshake: nothing reached the host, so nothing could need reversing. */
function expectNothingSent(terminator: TlsTerminator) {
  expect(terminator.handshakes).toBe(0);
  expect(terminator.clearBytes).toBe(0);
  expect(host!.log()).toEqual([]);
}

describe('TLS to the acquirer host', () => {
  it('trusting the acquirer CA (ca = ca.pem): the 0800 sign-in gets its 0810 over TLS', async () => {
    const terminator = await tlsHost();
    const reply = expectReply(await signIn(tlsEndpoint(terminator, { ca: TLS_FIXTURES.ca })));
    expect(reply.message.mti).toBe('0810');
    expect(field(reply.message, 39)).toBe('00');
    expect(terminator.handshakes).toBe(1);
    expect(terminator.clearBytes).toBeGreaterThan(0);
    expect(host!.log()).toMatchObject([{ mti: '0800', responseCode: '00' }]);
  });

  it('also trusts the server certificate itself given as the CA (a single-certificate host)', async () => {
    const terminator = await tlsHost({ chain: false });
    const reply = expectReply(await signIn(tlsEndpoint(terminator, { ca: TLS_FIXTURES.ca })));
    expect(reply.message.mti).toBe('0810');
  });

  it.each([
    { chain: true, code: 'SELF_SIGNED_CERT_IN_CHAIN' },
    { chain: false, code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
  ])(
    'with the system CAs only (no ca), a private-CA host is not trusted: not-sent tls $code',
    async ({ chain, code }) => {
      const terminator = await tlsHost({ chain });
      const result = await signIn(tlsEndpoint(terminator));
      expect(result).toEqual({ kind: 'not-sent', reason: 'tls', detail: code });
      expectNothingSent(terminator);
    },
  );

  it('with an unrelated CA (ca = other-ca.pem): not-sent tls', async () => {
    const terminator = await tlsHost();
    const result = await signIn(tlsEndpoint(terminator, { ca: TLS_FIXTURES.otherCa }));
    expect(result).toEqual({
      kind: 'not-sent',
      reason: 'tls',
      detail: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    expectNothingSent(terminator);
  });

  it('an unreachable host stays unreachable with TLS on (no TCP connection, no handshake)', async () => {
    host = await startHost();
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const result = await signIn(tlsEndpoint({ port }, { ca: TLS_FIXTURES.ca }));
    expect(result).toEqual({ kind: 'not-sent', reason: 'unreachable', detail: 'ECONNREFUSED' });
  });

  it("connecting as 'localhost' to a certificate for IP 127.0.0.1 only: ERR_TLS_CERT_ALTNAME_INVALID", async () => {
    const terminator = await tlsHost();
    const result = await signIn(
      tlsEndpoint(terminator, { host: 'localhost', ca: TLS_FIXTURES.ca }),
    );
    expect(result).toEqual({
      kind: 'not-sent',
      reason: 'tls',
      detail: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expectNothingSent(terminator);
  });

  it('a host that resets the connection during the handshake: not-sent tls', async () => {
    host = await startHost();
    const server = createServer((s) => s.destroy());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const result = await signIn(tlsEndpoint({ port }, { ca: TLS_FIXTURES.ca }));
    expect(result).toEqual({ kind: 'not-sent', reason: 'tls', detail: 'ECONNRESET' });
  });

  it('TLS switched on against a plain-TCP host: nothing is sent', async () => {
    host = await startHost();
    const result = await signIn(
      tlsEndpoint(host, { ca: TLS_FIXTURES.ca, connectTimeoutMs: 1_000 }),
    );
    // The host waits for the rest of a "frame" the ClientHello seems to start; no handshake comes.
    expect(result).toEqual({
      kind: 'not-sent',
      reason: 'connect-timeout',
      detail: `no TLS handshake with 127.0.0.1:${host.port}`,
    });
    expect(host.log()).toEqual([]);
  });
});
