/**
 * Frames that are not requests, sent over a real WebSocket with the token:
 * text that is not JSON, JSON that is not an object, an object without a
 * usable call number. Each is answered INVALID_INPUT naming the frame or its
 * id (rules.frameNotJson / frameNotObject / frameId, which have words in
 * both languages) so a client is never left waiting, nothing is dispatched,
 * and the socket keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill;
beforeAll(async () => {
  till = await webTill();
});
afterAll(async () => {
  await till.close();
});

const rowsIn = (table: string) =>
  (till.core.internals.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const refused = (id: unknown, field: string, rule: string) => ({
  id,
  result: { ok: false, error: { code: 'INVALID_INPUT', fields: [{ field, rule }] } },
});

describe('web shell: frames that are not requests are answered, not dropped', () => {
  it('names what was wrong with each frame, under the id it carried when there was one', async () => {
    const c = await till.client();
    const auditBefore = rowsIn('audit_log');
    const cases: Array<[string, unknown]> = [
      ['not json', refused(null, 'frame', 'frameNotJson')],
      ['{"id":1,', refused(null, 'frame', 'frameNotJson')],
      ['', refused(null, 'frame', 'frameNotJson')],
      ['[]', refused(null, 'frame', 'frameNotObject')],
      ['[{"id":1,"channel":"app:info"}]', refused(null, 'frame', 'frameNotObject')],
      ['1', refused(null, 'frame', 'frameNotObject')],
      ['null', refused(null, 'frame', 'frameNotObject')],
      ['"app:info"', refused(null, 'frame', 'frameNotObject')],
      ['{"channel":"app:info"}', refused(null, 'id', 'frameId')],
      ['{"id":"7","channel":"app:info"}', refused('7', 'id', 'frameId')],
      ['{"id":1.5,"channel":"app:info"}', refused(1.5, 'id', 'frameId')],
      ['{"id":9007199254740993,"channel":"app:info"}', refused(9007199254740992, 'id', 'frameId')],
      ['{"id":null,"channel":"app:info"}', refused(null, 'id', 'frameId')],
      ['{"id":{"x":1},"channel":"app:info"}', refused(null, 'id', 'frameId')],
      [`{"id":"${'x'.repeat(65)}","channel":"app:info"}`, refused(null, 'id', 'frameId')],
    ];
    for (const [text, answer] of cases) expect(await c.raw(text, 2000), text).toEqual(answer);
    // The socket still carries calls.
    expect(await c.call('auth:session')).toMatchObject({ ok: true });
    expect(rowsIn('audit_log')).toBe(auditBefore);
    c.close();
  });

  it('a refused frame changes nothing: a sale sent with a string id is not carried out', async () => {
    const c = await till.client();
    const before = rowsIn('transactions');
    const frame = {
      id: 'a',
      channel: 'sale:cash',
      input: { amountFen: 100, tenderedFen: 100 },
      requestId: 'd'.repeat(32),
    };
    expect(await c.raw(JSON.stringify(frame), 2000)).toEqual(refused('a', 'id', 'frameId'));
    expect(rowsIn('transactions')).toBe(before);
    c.close();
  });

  it('the rules have words, zh first and en second', () => {
    for (const rule of ['frameNotJson', 'frameNotObject', 'frameId', 'textChars']) {
      expect(zhCN.rules[rule as keyof typeof zhCN.rules], rule).toMatch(/[\u4e00-\u9fff]/);
      expect(en.rules[rule as keyof typeof en.rules], rule).toMatch(/^[\x20-\x7e{}]+$/);
    }
  });
});

describe('web shell: a call that fails past the router', () => {
  it('is answered INTERNAL and the shell keeps going (the database gone under it)', async () => {
    const t = await webTill();
    try {
      const c = await t.client();
      // The request log is read before any handler runs: with the database
      // closed the router's dispatch itself throws.
      t.core.internals.db.close();
      expect(await c.call('sale:cash', { amountFen: 100, tenderedFen: 100 })).toEqual({
        ok: false,
        error: { code: 'INTERNAL' },
      });
      expect(await c.raw('not json', 2000)).toEqual(refused(null, 'frame', 'frameNotJson'));
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
