/**
 * Typed text (item names, reasons, notes, catalogue names) with control
 * characters, line breaks and Unicode direction marks, sent over the web
 * shell's WebSocket. Before the fix an item name with "\n合计 ¥0.01" printed
 * a line of its own on the customer's receipt and U+202E showed a reason
 * backwards on the audit screen; now every such field is refused
 * INVALID_INPUT naming the field and rules.textChars, and nothing is written.
 * Ordinary Chinese text with inner spaces is still taken.
 */
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

const TABLES = [
  'orders',
  'order_lines',
  'cash_movements',
  'returns',
  'products',
  'categories',
  'operators',
  'transactions',
  'print_jobs',
];
const counts = () =>
  Object.fromEntries(
    TABLES.map((t) => [
      t,
      (till.core.internals.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

/** Each hostile piece, put in the middle of otherwise fine text. */
const HOSTILE: Record<string, string> = {
  'line feed': '可乐\n合计 ¥0.01',
  'carriage return': '可乐\r合计',
  tab: '可乐\t1',
  'ESC p (drawer kick)': '可乐\x1bp\x00\x19\xfa',
  'GS V (cut)': '可乐\x1dV\x00',
  NUL: '可乐\x00',
  DEL: '可乐\x7f',
  'C1 NEL': '可乐\u0085合计',
  'right-to-left override': '退款\u202e10.0',
  'right-to-left isolate': '退款\u2067abc\u2069',
  'left-to-right mark': '可乐\u200e',
  'arabic letter mark': '可乐\u061c',
  'line separator': '可乐\u2028合计',
  'byte-order mark': '可\ufeff乐',
};

const SUPERVISOR = { operatorNo: '00', password: '123456' };

/** Refused INVALID_INPUT with rules.textChars on the field (a text too long also names its length rule). */
function expectRefused(r: unknown, field: string, label: string) {
  expect(r, label).toEqual({
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      fields: expect.arrayContaining([{ field, rule: 'textChars' }]) as unknown,
    },
  });
  const fields = (r as { error: { fields: Array<{ field: string }> } }).error.fields;
  expect(fields.every((f) => f.field === field)).toBe(true);
}

describe('web shell: typed text with control and direction characters', () => {
  it('the cashier’s fields refuse them, naming the field, and nothing is written', async () => {
    const before = counts();
    for (const [what, text] of Object.entries(HOSTILE)) {
      expectRefused(
        await c.call('order:addOpenLine', { amountFen: 100, name: text }),
        'name',
        what,
      );
      expectRefused(
        await c.call('cash:move', {
          kind: 'out',
          amountFen: 100,
          reason: text,
          supervisor: SUPERVISOR,
        }),
        'reason',
        what,
      );
      expectRefused(
        await c.call('returns:withoutOriginal', {
          lines: [{ name: text, quantity: 1, amountFen: 100 }],
          reason: '顾客退货',
          supervisor: SUPERVISOR,
        }),
        'lines.0.name',
        what,
      );
      expectRefused(
        await c.call('returns:withoutOriginal', {
          lines: [{ name: '可乐', quantity: 1, amountFen: 100 }],
          reason: text,
          supervisor: SUPERVISOR,
        }),
        'reason',
        what,
      );
      expectRefused(
        await c.call('refunds:resolve', {
          txId: 1,
          wentThrough: true,
          supervisor: SUPERVISOR,
          note: text,
        }),
        'note',
        what,
      );
      expectRefused(
        await c.call('card:sale', {
          amountFen: 100,
          items: [{ name: text, quantity: 1, unitPriceFen: 100 }],
        }),
        'items.0.name',
        what,
      );
    }
    expect(counts()).toEqual(before);
  });

  it('ordinary text with inner spaces is still taken', async () => {
    const r = (await c.call('order:addOpenLine', {
      amountFen: 100,
      name: '  可口可乐 330ml 罐装 ',
    })) as { ok: true; value: { lines: Array<{ name: string }> } };
    expect(r.ok).toBe(true);
    expect(r.value.lines.at(-1)?.name).toBe('可口可乐 330ml 罐装');
  });

  it('the supervisor’s catalogue and operator names refuse them too', async () => {
    await ok(till.core, 'order:cancel', {
      orderId: (await ok<{ order: { id: number } }>(till.core, 'order:current')).order.id,
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
    for (const [what, text] of Object.entries(HOSTILE)) {
      expectRefused(await c.call('catalogue:add', { ...product, name: text }), 'name', what);
      expectRefused(await c.call('catalogue:add', { ...product, spec: text }), 'spec', what);
      expectRefused(await c.call('catalogue:add', { ...product, unit: text }), 'unit', what);
      expectRefused(await c.call('catalogue:addCategory', { name: text }), 'name', what);
      expectRefused(
        await c.call('operators:add', { operatorNo: '08', name: text, password: '2468' }),
        'name',
        what,
      );
    }
    expect(counts()).toEqual(before);
  });

  it('a product file carrying them is refused row by row in the preview, nothing applied', async () => {
    // Still the supervisor, signed in by the test above.
    const header = '编码,条码,名称,规格,单位,售价(元),分类,称重,停用';
    const file = (text: string) => ({
      format: 'csv',
      fileName: 'p.csv',
      data: Buffer.from(text, 'utf8').toString('base64'),
    });
    const rows = [
      header,
      '880001,,可\u202e乐,,个,1.00,,否,否',
      '880002,,面包,4\u2066g,个,1.00,,否,否',
      '880003,,面包,,\x1bp,1.00,,否,否',
    ].join('\n');
    const before = counts();
    const preview = (await c.call('catalogue:previewImport', file(rows))) as {
      ok: true;
      value: { badRows: number; issues: Array<{ row: number; rule: string }> };
    };
    expect(preview.ok).toBe(true);
    expect(preview.value.badRows).toBe(3);
    expect(preview.value.issues.map((i) => [i.row, i.rule])).toEqual([
      [2, 'textChars'],
      [3, 'textChars'],
      [4, 'textChars'],
    ]);
    expect(await c.call('catalogue:applyImport', file(rows))).toMatchObject({
      ok: false,
      error: { code: 'CATALOGUE_IMPORT_HAS_ERRORS' },
    });
    expect(counts()).toEqual(before);
  });
});
