import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../main/core/logger';
import type { PosCore } from '../../../main/core/pos-core';
import { PosFailure } from '../../../main/domain/errors';
import { createExportService } from '../../../main/services/data-care/export-service';
import { setUpTerminal, startCore, tempDir } from '../../support/core';

let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  tmp?.remove();
  core = null;
  tmp = null;
});

/** Local wall-clock time. */
const at = (day: number, hour: number, minute = 0, second = 0, ms = 0) =>
  new Date(2026, 10, day, hour, minute, second, ms).getTime();

/** RFC 4180 reader, just enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

async function till() {
  tmp = tempDir('pos-export-');
  const started = await startCore(tmp.dir);
  core = started.core;
  await setUpTerminal(core);
  const { repos, settings, db } = core.internals;
  const exports = createExportService({
    repos,
    settings,
    clock: started.clock,
    logger: createLogger({ file: join(tmp.dir, 'logs', 'export.log') }),
  });
  const batchNo = repos.counters.currentBatch(at(20, 9));
  let trace = 100;
  const insert = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
       training, created_at, updated_at, pan_masked, card_sealed, rrn, auth_code, original_tx_id)
     VALUES (@type, @tender, @state, @amountFen, '01', @batchNo, @traceNo, 0, @at, @at,
       @pan, @sealed, @rrn, @auth, @original)`,
  );
  const item = db.prepare(
    `INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const add = (
    when: number,
    tx: Partial<{
      type: string;
      tender: string;
      state: string;
      amountFen: number;
      pan: string;
      sealed: Buffer;
      rrn: string;
      auth: string;
      original: number;
      items: Array<[string, number, number]>;
    }> = {},
  ): { id: number; traceNo: string } => {
    const traceNo = String(++trace).padStart(6, '0');
    const id = Number(
      insert.run({
        type: 'sale',
        tender: 'cash',
        state: 'approved',
        amountFen: 100,
        pan: null,
        sealed: null,
        rrn: null,
        auth: null,
        original: null,
        ...tx,
        batchNo,
        traceNo,
        at: when,
      }).lastInsertRowid,
    );
    (tx.items ?? []).forEach(([name, qty, unit], i) =>
      item.run(id, i + 1, name, qty, unit, qty * unit),
    );
    return { id, traceNo };
  };
  return { exports, add, dir: tmp.dir, repos, batchNo };
}

describe('CSV export of transactions', () => {
  it('writes UTF-8 with BOM, a header, yuan from fen, masked cards and escaped cells', async () => {
    const { exports, add, dir, repos, batchNo } = await till();
    add(at(23, 23, 59, 59, 999), { amountFen: 1 }); // the day before: not exported
    const cash = add(at(24, 0), {
      amountFen: 1234,
      items: [
        ['可乐, 330ml "冰"', 2, 300],
        ['=HYPERLINK("http://x")', 1, 634],
      ],
    });
    add(at(24, 12), {
      tender: 'card',
      amountFen: 5,
      pan: '621234******1234',
      sealed: Buffer.from('6212345678901234=2812'),
      rrn: '123456789012',
      auth: '654321',
    });
    // A clear number that slipped into the masked column is masked again.
    add(at(25, 8), { tender: 'card', amountFen: 99999999, pan: '6212345678901234' });
    add(at(25, 9), {
      type: 'void',
      amountFen: 1234,
      original: cash.id,
      items: [['line\nbreak', 1, 1234]],
    });
    add(at(25, 23, 59, 59, 999), { amountFen: 7, items: [['-1+1', 1, 7]] });
    add(at(26, 0), { amountFen: 8 }); // the day after: not exported

    const file = join(dir, 'journal.csv');
    const result = await exports.exportTransactionsCsv(
      { from: '2026-11-24', to: '2026-11-25', file },
      '00',
    );
    expect(result).toMatchObject({ file, rows: 5 });
    expect(readdirSync(dir).filter((f) => f.startsWith('journal'))).toEqual(['journal.csv']);

    const bytes = readFileSync(file);
    expect(result.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).not.toContain('6212345678901234');
    expect(text).not.toContain('2812');
    expect(text).toContain('"可乐, 330ml ""冰"" ×2; =HYPERLINK(""http://x"") ×1"');
    expect(text).toContain(`,"line\nbreak ×1",`);

    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      '交易时间',
      '批次号',
      '凭证号',
      '交易类型',
      '支付方式',
      '状态',
      '金额(元)',
      '操作员',
      '卡号',
      '参考号',
      '授权码',
      '钱包',
      '订单号',
      '原批次号',
      '原凭证号',
      '商品',
      '培训',
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => [r[0], r[3], r[4], r[6], r[8]])).toEqual([
      ['2026-11-24 00:00:00', '消费', '现金', '12.34', ''],
      ['2026-11-24 12:00:00', '消费', '银行卡', '0.05', '621234******1234'],
      ['2026-11-25 08:00:00', '消费', '银行卡', '999999.99', '621234******1234'],
      ['2026-11-25 09:00:00', '撤销', '现金', '12.34', ''],
      ['2026-11-25 23:59:59', '消费', '现金', '0.07', ''],
    ]);
    expect(body[0]![15]).toBe('可乐, 330ml "冰" ×2; =HYPERLINK("http://x") ×1');
    expect(body[1]!.slice(9, 11)).toEqual(['123456789012', '654321']);
    expect(body[3]!.slice(13, 16)).toEqual([batchNo, cash.traceNo, 'line\nbreak ×1']);
    // Leading =, + , - and @ are neutralised, whole cells only.
    expect(body[4]![15]).toBe("'-1+1 ×1");
    expect(body.every((r) => r.length === 17 && r[16] === '否')).toBe(true);

    expect(repos.audit.recent(1)[0]).toMatchObject({
      operatorNo: '00',
      action: 'export.transactions',
      detail: { from: '2026-11-24', to: '2026-11-25', rows: 5, file: 'journal.csv' },
    });
  });

  it('writes English headers and words when asked', async () => {
    const { exports, add } = await till();
    add(at(24, 10), { type: 'refund', state: 'approved', tender: 'qr', amountFen: 250 });
    const text = [...exports.csvChunks({ from: '2026-11-24', to: '2026-11-24', language: 'en' })]
      .join('')
      .slice(1);
    const rows = parseCsv(text);
    expect(rows[0]!.slice(0, 7)).toEqual([
      'Time',
      'Batch',
      'Voucher',
      'Type',
      'Tender',
      'State',
      'Amount (CNY)',
    ]);
    expect(rows[1]!.slice(3, 7)).toEqual(['refund', 'QR', 'approved', '2.50']);
  });

  it('refuses a backwards or impossible range before writing anything', async () => {
    const { exports, dir } = await till();
    for (const [from, to] of [
      ['2026-11-25', '2026-11-24'],
      ['2026-02-30', '2026-03-01'],
      ['24/11/2026', '2026-11-24'],
    ] as const) {
      const file = join(dir, 'x.csv');
      await expect(exports.exportTransactionsCsv({ from, to, file }, '00')).rejects.toEqual(
        new PosFailure({ code: 'EXPORT_RANGE_INVALID', params: { from, to } }),
      );
      expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);
    }
  });

  it('fails cleanly when the file cannot be written', async () => {
    const { exports, add, dir } = await till();
    add(at(24, 10));
    const file = join(dir, 'no-such-folder', 'x.csv');
    await expect(
      exports.exportTransactionsCsv({ from: '2026-11-24', to: '2026-11-24', file }, '00'),
    ).rejects.toEqual(new PosFailure({ code: 'EXPORT_FAILED' }));
  });

  it('streams 100k rows a page at a time', async () => {
    const { exports, dir, repos, batchNo } = await till();
    const db = core!.internals.db;
    const insert = db.prepare(
      `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
         training, created_at, updated_at)
       VALUES ('sale', 'cash', 'approved', ?, '01', ?, ?, 1, ?, ?)`,
    );
    const N = 100_000;
    const start = at(24, 8);
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const t = start + Math.floor(i / 3) * 1000; // several rows share a second
        insert.run((i % 9999) + 1, batchNo, String(i + 1).padStart(6, '0'), t, t);
      }
    })();
    const pages = vi.spyOn(repos.exports, 'transactionsPage');
    const file = join(dir, 'big.csv');
    const result = await exports.exportTransactionsCsv(
      { from: '2026-11-24', to: '2026-11-25', file },
      '00',
    );
    expect(result.rows).toBe(N);
    expect(pages.mock.results.every((r) => (r.value as unknown[]).length <= 1000)).toBe(true);
    expect(pages.mock.calls.length).toBe(N / 1000 + 1);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(N + 2); // header + rows + the empty string after the last CRLF
    // Keyset paging lost or repeated nothing: every voucher once, in time order.
    const vouchers = lines.slice(1, -1).map((l) => l.split(',')[2]);
    expect(new Set(vouchers).size).toBe(N);
    expect(vouchers[0]).toBe('000001');
    expect(vouchers.at(-1)).toBe(String(N).padStart(6, '0'));
  }, 180_000); // 100k rows inserted and written: minutes on a loaded 2-core box, not a hang
});
