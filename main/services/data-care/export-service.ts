import { CSV_BOM, csvField, csvRow } from '../../domain/csv';
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Clock } from '../../core/clock';
import { errorFields, type Logger } from '../../core/logger';
import type { Repositories } from '../../db';
import type { ExportCursor, ExportRow } from '../../db/repos/exports';
import { fail, PosFailure } from '../../domain/errors';
import { maskPan } from '../../domain/pan';
import type { SettingsStore } from '../../settings/store';

/**
 * The transaction journal leaving the terminal on purpose (PRODUCT.md §8):
 * CSV for a range of local dates, streamed a page at a time. The
 * configuration file is config-transfer-service.ts.
 */

// ---------------------------------------------------------------------------
// (a) CSV

export type CsvLanguage = 'zh-CN' | 'en';

const BOM = CSV_BOM;
const PAGE_ROWS = 1_000;

const HEADER: Record<CsvLanguage, readonly string[]> = {
  'zh-CN': [
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
  ],
  en: [
    'Time',
    'Batch',
    'Voucher',
    'Type',
    'Tender',
    'State',
    'Amount (CNY)',
    'Operator',
    'Card',
    'Reference',
    'Auth code',
    'Wallet',
    'Order',
    'Original batch',
    'Original voucher',
    'Items',
    'Training',
  ],
};

const WORDS: Record<CsvLanguage, Record<string, string>> = {
  'zh-CN': {
    sale: '消费',
    void: '撤销',
    refund: '退货',
    preauth: '预授权',
    preauth_cancel: '预授权撤销',
    preauth_complete: '预授权完成',
    cash: '现金',
    card: '银行卡',
    qr: '扫码',
    pending: '处理中',
    approved: '成功',
    declined: '拒绝',
    reversal_pending: '待冲正',
    reversed: '已冲正',
    voided: '已撤销',
    refunded: '已退货',
    uncertain: '结果未明',
    cancelled: '已撤单',
    cancel_pending: '待撤单',
    wechat: '微信',
    alipay: '支付宝',
    unionpay: '云闪付',
    yes: '是',
    no: '否',
  },
  en: {
    sale: 'sale',
    void: 'void',
    refund: 'refund',
    preauth: 'pre-auth',
    preauth_cancel: 'pre-auth cancel',
    preauth_complete: 'pre-auth completion',
    cash: 'cash',
    card: 'card',
    qr: 'QR',
    pending: 'pending',
    approved: 'approved',
    declined: 'declined',
    reversal_pending: 'reversal pending',
    reversed: 'reversed',
    voided: 'voided',
    refunded: 'refunded',
    uncertain: 'uncertain',
    cancelled: 'cancelled',
    cancel_pending: 'cancel pending',
    wechat: 'WeChat Pay',
    alipay: 'Alipay',
    unionpay: 'UnionPay QR',
    yes: 'yes',
    no: 'no',
  },
};

/**
 * One CSV cell (RFC 4180): a cell a spreadsheet would run as a formula
 * (starting =, +, -, @, tab or CR) gets a leading apostrophe; a cell with a
 * quote, comma or line break is quoted with inner quotes doubled.
 */
/** One CSV cell / line, as every export writes them (main/domain/csv.ts). */
export const csvCell = (value: string): string => csvField(value);
export const csvLine = (cells: readonly string[]): string => csvRow(cells);

/** Integer fen → yuan with two decimals ("1234.56"), no grouping, no floating point. */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const two = (n: number) => String(n).padStart(2, '0');
function localDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
  );
}

/** A stored card number is already first 6 / last 4; anything that looks clear is masked again. */
function maskedCard(panMasked: string | null): string {
  if (!panMasked) return '';
  return /^\d{12,19}$/.test(panMasked) ? maskPan(panMasked) : panMasked;
}

function rowCells(r: ExportRow, words: Record<string, string>): string[] {
  return [
    localDateTime(r.createdAt),
    r.batchNo,
    r.traceNo,
    words[r.type] ?? r.type,
    words[r.tender] ?? r.tender,
    words[r.state] ?? r.state,
    yuan(r.amountFen),
    r.operatorNo,
    maskedCard(r.panMasked),
    r.rrn ?? '',
    r.authCode ?? '',
    r.wallet ? (words[r.wallet] ?? r.wallet) : '',
    r.orderNo ?? '',
    r.originalBatchNo ?? '',
    r.originalTraceNo ?? '',
    r.items,
    r.training ? words.yes! : words.no!,
  ];
}

/** A local calendar date `YYYY-MM-DD` → the epoch ms its day starts; null when not a real date. */
export function localDayStart(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(y, mo - 1, d);
  return t.getFullYear() === y && t.getMonth() === mo - 1 && t.getDate() === d ? t.getTime() : null;
}

/** `from`..`to` inclusive local dates → [start, end) in epoch ms. */
export function localDateRange(from: string, to: string): { from: number; to: number } {
  const start = localDayStart(from);
  const last = localDayStart(to);
  if (start === null || last === null || start > last) {
    fail('EXPORT_RANGE_INVALID', { from, to });
  }
  const d = new Date(last);
  return { from: start, to: new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() };
}

export interface CsvExportInput {
  /** Local dates, inclusive: `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Headers and words; Chinese by default. */
  language?: CsvLanguage;
}

// ---------------------------------------------------------------------------
// (b) configuration

export interface ExportServiceDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
}

export function createExportService(deps: ExportServiceDeps) {
  const { repos, clock, logger } = deps;

  /** The CSV text, chunk by chunk (BOM + header first, then a chunk per page of rows). */
  function* csvChunks(input: CsvExportInput): Generator<string, number> {
    const language = input.language ?? 'zh-CN';
    const range = localDateRange(input.from, input.to);
    const words = WORDS[language];
    yield BOM + csvLine(HEADER[language]);
    let cursor: ExportCursor | null = null;
    let rows = 0;
    for (;;) {
      const page = repos.exports.transactionsPage(range, cursor, PAGE_ROWS);
      if (page.length === 0) return rows;
      rows += page.length;
      yield page.map((r) => csvLine(rowCells(r, words))).join('');
      const last = page[page.length - 1]!;
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  return {
    csvChunks,

    /**
     * The same CSV as text, for a screen to save where the user chooses
     * (a browser download or Electron's save dialog). Audited like a file export.
     */
    transactionsCsvText(
      input: CsvExportInput,
      operatorNo: string,
    ): { fileName: string; csv: string; rows: number } {
      const chunks = csvChunks(input);
      let csv = '';
      let r = chunks.next();
      for (; !r.done; r = chunks.next()) csv += r.value;
      const rows = r.value;
      repos.audit.append(
        {
          operatorNo,
          action: 'export.transactions',
          detail: { from: input.from, to: input.to, rows },
        },
        clock.now(),
      );
      return { fileName: `transactions-${input.from}-${input.to}.csv`, csv, rows };
    },

    /**
     * Writes the transactions of local dates `from`..`to` (inclusive) to
     * `file` as CSV: UTF-8 with BOM (Excel opens it as UTF-8), CRLF lines,
     * amounts in yuan from integer fen, card numbers masked. Streams a page
     * of rows at a time with back-pressure, so 100k rows take the memory of
     * one page; written to `file.partial` and renamed when complete.
     * Audited as `export.transactions`.
     */
    async exportTransactionsCsv(
      input: CsvExportInput & { file: string },
      operatorNo: string,
    ): Promise<{ file: string; rows: number; bytes: number }> {
      const chunks = csvChunks(input); // validates the range before any file is made
      const first = chunks.next();
      const partial = `${input.file}.partial`;
      let rows = 0;
      try {
        // Transactions are the merchant's business: the file is readable by its owner only.
        const out = createWriteStream(partial, { mode: 0o600 });
        const error = new Promise<never>((_, reject) => out.once('error', reject));
        error.catch(() => undefined);
        const write = async (chunk: string) => {
          if (!out.write(chunk)) await Promise.race([once(out, 'drain'), error]);
        };
        for (let r = first; ; r = chunks.next()) {
          if (r.done) {
            rows = r.value;
            break;
          }
          await write(r.value);
        }
        out.end();
        await Promise.race([finished(out), error]);
        renameSync(partial, input.file);
      } catch (err) {
        rmSync(partial, { force: true });
        if (err instanceof PosFailure) throw err;
        logger.error('CSV export failed', { file: input.file, ...errorFields(err) });
        fail('EXPORT_FAILED');
      }
      const bytes = statSync(input.file).size;
      repos.audit.append(
        {
          operatorNo,
          action: 'export.transactions',
          detail: { from: input.from, to: input.to, rows, file: basename(input.file) },
        },
        clock.now(),
      );
      return { file: input.file, rows, bytes };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
