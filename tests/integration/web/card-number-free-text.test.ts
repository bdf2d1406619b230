/**
 * A card swiped by a keyboard-wedge magstripe reader (it types the tracks and
 * Enter) or a card number typed into a field meant for text or codes, sent
 * over the web shell's WebSocket. Before the fix the scan field, an open
 * line's code and name, a reason, the catalogue's names, PLU and barcodes,
 * operator names and product files took it as typed: stored in SQLite,
 * written to the audit log and echoed back. Now each field is refused
 * INVALID_INPUT naming the field with rules.cardData and nothing else (the
 * number is never echoed), nothing is written, a catalogue search and a
 * product file's name are masked rather than refused, and no table, audit
 * row or log line holds the card number in clear. Fixture barcodes still scan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, signOff } from '../../support/core';
import { webTill, type WebClient, type WebTill } from './ws-harness';

let till: WebTill;
let c: WebClient;
beforeAll(async () => {
  till = await webTill();
  c = await till.client();
});
afterAll(async () => {
  await till.close();
});

// Luhn-valid test numbers (UnionPay 62…, Visa 4…).
const UNIONPAY = '6222021234567894';
const VISA = '4111111111111111';
const VISA_13 = '4222222222222'; // 13 digits: the length of a PLU
const SWIPE = `%B${UNIONPAY}^ZHANG/SAN^25121010000000000?;${UNIONPAY}=25121010000000000?`;
const TRACK2 = `;${UNIONPAY}=25121010000000000?`;
const GROUPED = '6222 0212 3456 7894';
const DASHED = '4111-1111-1111-1111';
/** What must never be found in clear anywhere. */
const CLEAR = [UNIONPAY, VISA, VISA_13, GROUPED, DASHED, 'ZHANG', '2512101'];

const db = () => till.core.internals.db;
/** Every row of every table, the audit log included, and the log files, as text. */
function everythingStored(): string {
  const tables = db()
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  const rows = tables.flatMap((t) =>
    db()
      .prepare(`SELECT * FROM "${t.name}"`)
      .all()
      .map((r) => JSON.stringify(r)),
  );
  const logs = [till.logFile, join(till.dir, 'data', 'logs', 'test.log')].filter((f) =>
    existsSync(f),
  );
  return [...rows, ...logs.map((f) => readFileSync(f, 'utf8'))].join('\n');
}
function expectNothingInClear() {
  const stored = everythingStored();
  for (const s of CLEAR) expect(stored, s).not.toContain(s);
}

const COUNTED = ['orders', 'order_lines', 'cash_movements', 'products', 'categories', 'operators'];
const counts = () =>
  Object.fromEntries(
    COUNTED.map((t) => [
      t,
      (db().prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

/** Refused INVALID_INPUT on the field with rules.cardData alone, and the number not echoed. */
function expectRefused(r: unknown, field: string, label: string) {
  expect(r, label).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: [{ field, rule: 'cardData' }] },
  });
}

const SUPERVISOR = { operatorNo: '00', password: '123456' };

describe('web shell: card data typed or swiped into free text', () => {
  it('the cashier’s scan, codes, names and reasons refuse it, and nothing is written', async () => {
    const before = counts();
    for (const code of [SWIPE, TRACK2, DASHED, VISA, VISA_13]) {
      expectRefused(await c.call('order:scan', { code }), 'code', `scan ${code}`);
      expectRefused(await c.call('catalogue:lookup', { code }), 'code', `lookup ${code}`);
      expectRefused(
        await c.call('order:addOpenLine', { amountFen: 100, code, supervisor: SUPERVISOR }),
        'code',
        `open line code ${code}`,
      );
    }
    for (const text of [SWIPE, TRACK2, GROUPED, `可乐 ${DASHED}`, `卡号${VISA}`]) {
      expectRefused(
        await c.call('order:addOpenLine', { amountFen: 100, name: text }),
        'name',
        `open line name ${text}`,
      );
      expectRefused(
        await c.call('cash:move', {
          kind: 'out',
          amountFen: 100,
          reason: text,
          supervisor: SUPERVISOR,
        }),
        'reason',
        `cash reason ${text}`,
      );
      expectRefused(
        await c.call('returns:withoutOriginal', {
          lines: [{ name: text, quantity: 1, amountFen: 100 }],
          reason: '顾客退货',
          supervisor: SUPERVISOR,
        }),
        'lines.0.name',
        `return line ${text}`,
      );
    }
    expect(counts()).toEqual(before);
  });

  it('a fixture barcode still scans, and a bare 62… number goes on as a payment code', async () => {
    // The support core's catalogue: the cola's EAN-13 (a valid GS1 code).
    const ean = (
      db().prepare('SELECT barcode FROM product_barcodes LIMIT 1').get() as
        { barcode: string } | undefined
    )?.barcode;
    expect(ean).toMatch(/^\d{13}$/);
    expect(await c.call('order:scan', { code: ean })).toMatchObject({
      ok: true,
      value: { kind: 'added' },
    });
    // The documented trade-off: the shape of a UnionPay payment code.
    expect(await c.call('order:scan', { code: UNIONPAY })).toEqual({
      ok: true,
      value: { kind: 'payment-code', wallet: 'unionpay' },
    });
    // Grouped, it is a card number, not a payment code.
    expectRefused(
      await c.call('order:scan', { code: UNIONPAY.replace(/(\d{4})(?=\d)/g, '$1-') }),
      'code',
      'dashed 62',
    );
  });

  it('a catalogue search with a card number is masked, not refused, and finds nothing', async () => {
    for (const query of [VISA, GROUPED, TRACK2]) {
      expect(await c.call('catalogue:search', { query, limit: 5 })).toEqual({
        ok: true,
        value: { products: [] },
      });
    }
  });

  it('the supervisor’s catalogue, operator names and product files refuse it too', async () => {
    const order = await ok<{ order: { id: number } | null }>(till.core, 'order:current');
    if (order.order)
      await ok(till.core, 'order:cancel', {
        orderId: order.order.id,
        supervisor: SUPERVISOR,
      }).catch(() => undefined);
    await signOff(till.core);
    await ok(till.core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    const before = counts();
    const product = { code: '1001', name: '可乐', priceFen: 300 };
    for (const text of [SWIPE, GROUPED, `可乐${VISA}`]) {
      expectRefused(await c.call('catalogue:add', { ...product, name: text }), 'name', text);
      expectRefused(await c.call('catalogue:add', { ...product, spec: text }), 'spec', text);
      expectRefused(await c.call('catalogue:addCategory', { name: text }), 'name', text);
      expectRefused(
        await c.call('operators:add', { operatorNo: '08', name: text, password: '2468' }),
        'name',
        text,
      );
    }
    expectRefused(await c.call('catalogue:add', { ...product, code: VISA_13 }), 'code', 'PLU');
    for (const barcode of [VISA, DASHED, TRACK2])
      expectRefused(
        await c.call('catalogue:add', { ...product, barcodes: [barcode] }),
        'barcodes.0',
        barcode,
      );
    expect(counts()).toEqual(before);

    // A product file: each row refused with its row and column named.
    const file = (text: string, fileName = 'p.csv') => ({
      format: 'csv',
      fileName,
      data: Buffer.from(text, 'utf8').toString('base64'),
    });
    const header = '编码,条码,名称,规格,单位,售价(元),分类,称重,停用';
    const rows = [
      header,
      `880001,,可乐 ${GROUPED},,个,1.00,,否,否`,
      `880002,${VISA},面包,,个,1.00,,否,否`,
      `${VISA_13},,面包,,个,1.00,,否,否`,
      `880004,,面包,,个,1.00,卡${VISA},否,否`,
      `880005,,面包,,个,${VISA},,否,否`,
    ].join('\n');
    const preview = (await c.call('catalogue:previewImport', file(rows))) as {
      ok: true;
      value: { badRows: number; issues: Array<{ row: number; field: string; rule: string }> };
    };
    expect(preview.ok).toBe(true);
    expect(preview.value.issues.map((i) => [i.row, i.field, i.rule])).toEqual([
      [2, '名称', 'cardData'],
      [3, '条码', 'cardData'],
      [4, '编码', 'cardData'],
      [5, '分类', 'cardData'],
      [6, '售价(元)', 'priceYuan'],
    ]);
    expect(JSON.stringify(preview.value)).not.toMatch(/\d{7}/);
    expect(await c.call('catalogue:applyImport', file(rows))).toMatchObject({
      ok: false,
      error: { code: 'CATALOGUE_IMPORT_HAS_ERRORS' },
    });
    expect(counts()).toEqual(before);

    // A good file whose name carries a card number: taken, its name audited masked.
    const good = [header, '880010,,面包,,个,1.00,,否,否'].join('\n');
    expect(
      (await c.call('catalogue:applyImport', file(good, `卡 ${VISA}.csv`))) as { ok: boolean },
    ).toMatchObject({ ok: true });
    const audit = db()
      .prepare("SELECT detail FROM audit_log WHERE action = 'catalogue.imported'")
      .get() as { detail: string };
    expect((JSON.parse(audit.detail) as { file: string }).file).toBe('卡 411111******1111.csv');
  });

  it('no table, audit row or log line holds the card number in clear', () => {
    expectNothingInClear();
  });
});
