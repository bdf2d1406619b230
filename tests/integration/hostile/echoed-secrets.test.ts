import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPaymentCode, type PaymentCode } from '../../../main/domain/qr-code';
import { frame, unframe, unpackBody } from '../../../main/host/iso8583';
import { packWithMac } from '../../../main/host/messages';
import { createQrGatewayClient } from '../../../main/qr/gateway-client';
import { runQrPayment } from '../../../main/qr/payment-flow';
import { manualScheduler } from '../../../main/qr/scheduler';
import { cardSale, cardTill, row, type CardTill } from '../cards/harness';

/**
 * Servers that echo secrets back in their free text: a host that puts the
 * card number into the issuer name (field 63), a gateway that quotes the
 * customer's payment code in its message. The terminal keeps, prints and
 * shows only the masked form (card first 6 / last 4; payment code 4 / 4).
 */

describe('a host that echoes the card number in field 63', () => {
  let till: CardTill;
  beforeAll(async () => {
    till = await cardTill();
  });
  afterAll(async () => {
    await till.remove();
  });

  it('the issuer name is stored and printed with the number masked', async () => {
    let pan = '';
    const host = await till.host();
    host.faults.mutateNextReply((reply, request) => {
      pan = String(unpackBody(unframe(request).body).fields.get(2));
      const f = unframe(reply);
      const msg = unpackBody(f.body);
      const fields = new Map(msg.fields);
      fields.set(63, `CUP ${pan}=2512`);
      const body = packWithMac({ mti: msg.mti, fields }, till.core.internals.host.mak());
      return frame({ tpdu: f.tpdu, header: f.header, body });
    });
    const jobsBefore = till.printer.jobs().length;
    const r = await cardSale(till.core, 1_000, 'approve');
    expect(r.ok && r.value.outcome).toBe('approved');
    expect(pan).toMatch(/^\d{13,19}$/);
    const tx = row<{ issuer: string }>(
      till.core,
      "SELECT issuer FROM transactions WHERE type = 'sale' ORDER BY id DESC LIMIT 1",
    );
    expect(tx.issuer).not.toContain(pan);
    expect(tx.issuer).toContain(`${pan.slice(0, 6)}`);
    expect(JSON.stringify(r)).not.toContain(pan);
    const slips = (await till.printer.waitForJobs(jobsBefore + 2))
      .slice(jobsBefore)
      .map((j) => iconv.decode(j, 'gb18030'));
    for (const s of slips) expect(s).not.toContain(pan);
  });
});

describe('a gateway that quotes the payment code in its message', () => {
  let server: Server;
  let base = '';
  const code = '134567890123456780';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'FAIL',
            code: `BAD_CODE_${code}`,
            message: `付款码 ${code} 已过期`,
            wallet: 'wechat',
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('the outcome and its timeline carry the code masked 4 / 4', async () => {
    const client = createQrGatewayClient({
      baseUrl: base,
      token: 't',
      merchant: '898310048160001',
      terminal: 'T0000001',
    });
    const out = await runQrPayment(
      {
        orderNo: 'T0000001261206090000000001',
        payment: classifyPaymentCode(code) as PaymentCode,
        amountFen: 100,
      },
      { client, scheduler: manualScheduler(1_700_000_000_000) },
    );
    expect(out.status).toBe('declined');
    expect(JSON.stringify(out)).not.toContain(code);
    expect(out.gatewayMessage).toBe('付款码 1345**********6780 已过期');
  });
});
