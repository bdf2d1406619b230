import { X509Certificate, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostSettings, HostStatus } from '../../../preload/contract';
import { startTrainingHost, type TrainingHost } from '../../../main/host/training';
import { SETUP, err, ok, cashierIn, signOff } from '../../support/core';
import {
  TLS_FIXTURES,
  startTlsTerminator,
  type TlsTerminator,
} from '../host-training/tls-terminator';
import {
  HOST_SETTINGS,
  approvedSale,
  cardSale,
  cardTill,
  hostLog,
  rows,
  technician,
  type CardTill,
} from './harness';

/** The acquirer's copy of this terminal's master key; the technician injects it as components. */
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');

function componentsOf(key: Buffer): string[] {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
}

let host: TrainingHost | null = null;
let terminator: TlsTerminator | null = null;
const tills: CardTill[] = [];
afterEach(async () => {
  for (const t of tills.splice(0)) await t.remove();
  await terminator?.close();
  terminator = null;
  await host?.close();
  host = null;
});

/**
 * A terminal in live mode against an acquirer host on loopback behind a TLS
 * gateway whose certificate a private test CA issued: the technician saves
 * the host with TLS on and `caCertificate`, injects the TMK, and the cashier
 * signs in (which signs in to the host).
 */
async function tlsTill(caCertificate: string) {
  host = await startTrainingHost({
    terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
  });
  terminator = await startTlsTerminator(host);
  const settings: HostSettings = {
    ...HOST_SETTINGS,
    address: `127.0.0.1:${terminator.port}`,
    tls: true,
    caCertificate,
  };
  const till = await cardTill({
    pinpadTmk: TMK,
    asTechnician: async (core) => {
      await ok(core, 'setup:saveHost', settings);
      await ok(core, 'keys:injectTmk', { components: componentsOf(TMK) });
    },
  });
  tills.push(till);
  return { till, settings, address: `127.0.0.1:${terminator.port}` };
}

describe('acquirer host over TLS with a private CA', () => {
  it('trusting the CA certificate: the host sign-in succeeds and a card sale is approved', async () => {
    const { till, settings } = await tlsTill(TLS_FIXTURES.ca);
    const { core } = till;
    await signOff(core);
    await technician(core, async () => {
      expect(await ok<HostSettings>(core, 'setup:getHost')).toEqual({
        ...settings,
        caCertificate: TLS_FIXTURES.ca.trim(),
      });
    });
    await cashierIn(core);
    expect(await ok<HostStatus>(core, 'host:status')).toMatchObject({
      training: false,
      signedIn: true,
      lastError: null,
    });
    const sale = await approvedSale(core, 8_800);
    expect(sale).toMatchObject({ outcome: 'approved' });
    expect(hostLog(host!)).toEqual([
      '0800 000001 → 00', // the cashier's first sign-in
      '0800 000002 → 00', // signing in again after the technician's look
      '0200 000003 → 00',
    ]);
    expect(host!.ledger()).toMatchObject([{ amountFen: 8_800, state: 'approved' }]);
    expect(terminator!.handshakes).toBe(3);
  });

  it('with the system CAs only (caCertificate empty): HOST_TLS_FAILED naming the address; nothing sent', async () => {
    const { till, address } = await tlsTill('');
    const { core } = till;
    const expected = {
      code: 'HOST_TLS_FAILED',
      params: { address, detail: 'SELF_SIGNED_CERT_IN_CHAIN' },
    };
    // The cashier is in (cash works), the host sign-in is not.
    const status = await ok<HostStatus>(core, 'host:status');
    expect(status).toMatchObject({ signedIn: false, lastError: expected });
    expect(await err(core, 'host:signIn')).toEqual(expected);
    // A card tries the sign-in first and names what blocks it.
    expect(await err(core, 'card:sale', { amountFen: 100 })).toEqual(expected);
    expect(host!.log()).toEqual([]);
    expect(terminator!.handshakes).toBe(0);
    expect(terminator!.clearBytes).toBe(0);
    expect(rows(core, 'SELECT id FROM transactions')).toEqual([]);

    // The technician adds the acquirer's CA; the cashier signs in again and takes cards.
    await signOff(core);
    await technician(core, async () => {
      const saved = await ok<HostSettings>(core, 'setup:getHost');
      await ok(core, 'setup:saveHost', { ...saved, caCertificate: TLS_FIXTURES.ca });
    });
    await cashierIn(core);
    expect((await ok<HostStatus>(core, 'host:status')).signedIn).toBe(true);
    const r = await cardSale(core, 1_500, 'approve');
    expect(r).toMatchObject({ ok: true, value: { outcome: 'approved' } });
  });

  it('the CA certificate is checked when saved and audited by fingerprint, not as PEM text', async () => {
    const { till } = await tlsTill(TLS_FIXTURES.ca);
    const { core } = till;
    await signOff(core);
    await technician(core, async () => {
      const saved = await ok<HostSettings>(core, 'setup:getHost');
      const refused = async (caCertificate: string) =>
        expect(await err(core, 'setup:saveHost', { ...saved, caCertificate })).toMatchObject({
          code: 'INVALID_INPUT',
          fields: [{ field: 'caCertificate', rule: 'caCertificate' }],
        });
      await refused('not a certificate');
      await refused(TLS_FIXTURES.serverKey); // a private key pasted by mistake
      await refused(TLS_FIXTURES.ca + TLS_FIXTURES.serverKey);
      await refused('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      await refused(TLS_FIXTURES.ca.repeat(Math.ceil(65_536 / TLS_FIXTURES.ca.length) + 1));
      // Nothing was changed by the refusals.
      expect((await ok<HostSettings>(core, 'setup:getHost')).caCertificate).toBe(
        TLS_FIXTURES.ca.trim(),
      );

      // A bundle (two certificates, Windows line endings) is fine; so is none.
      const bundle = (TLS_FIXTURES.ca + TLS_FIXTURES.otherCa).replace(/\n/g, '\r\n');
      await ok(core, 'setup:saveHost', { ...saved, caCertificate: bundle });
      await ok(core, 'setup:saveHost', { ...saved, caCertificate: '' });
      // Callers that predate the field keep working: absent = ''.
      const { caCertificate: _omit, ...older } = saved;
      expect((await ok<HostSettings>(core, 'setup:saveHost', older)).caCertificate).toBe('');
    });

    const audit = rows<{ detail: string }>(
      core,
      "SELECT detail FROM audit_log WHERE action = 'parameters.changed' ORDER BY id",
    ).map((r) => r.detail);
    const all = audit.join('\n');
    expect(all).not.toContain('BEGIN CERTIFICATE');
    const fp = (pem: string) => `SHA256:${new X509Certificate(pem).fingerprint256}`;
    const caChanges = audit
      .map(
        (d) => JSON.parse(d) as { changes: Array<{ field: string; from: unknown; to: unknown }> },
      )
      .flatMap((d) => d.changes.filter((c) => c.field === 'host.caCertificate'));
    expect(caChanges).toEqual([
      { field: 'host.caCertificate', from: [], to: [fp(TLS_FIXTURES.ca)] },
      {
        field: 'host.caCertificate',
        from: [fp(TLS_FIXTURES.ca)],
        to: [fp(TLS_FIXTURES.ca), fp(TLS_FIXTURES.otherCa)],
      },
      {
        field: 'host.caCertificate',
        from: [fp(TLS_FIXTURES.ca), fp(TLS_FIXTURES.otherCa)],
        to: [],
      },
    ]);
  });
});
