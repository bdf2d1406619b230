import { CSV_BOM, csvField, csvRow } from '../domain/csv';
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import type { z } from 'zod';
import type { FieldIssue } from '../../preload/contract';
import type { Clock } from '../core/clock';
import { errorFields, type Logger } from '../core/logger';
import type { Repositories } from '../db';
import type { ExportCursor, ExportRow } from '../db/repos/exports';
import { fail, failFields, PosFailure } from '../domain/errors';
import { maskPan } from '../domain/pan';
import { checkSetupRules, diffParameters } from '../domain/terminal-params';
import { caFingerprints } from '../host/ca-certificate';
import { TerminalParameters } from '../settings/schema';
import type { SettingsStore } from '../settings/store';

/**
 * Data that leaves the terminal on purpose (PRODUCT.md §8, issue 8):
 * (a) the transaction journal as CSV for a range of local dates, streamed;
 * (b) the terminal's configuration as a JSON file, and its import on another
 *     terminal: validated with the parameters' own schema, previewed as a
 *     diff, applied and audited old → new.
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

export const CONFIG_FORMAT = 'counter-pos-config';
export const CONFIG_FORMAT_VERSION = 1;
/** A config file larger than this is not one of ours (a CA bundle is at most 64 KB). */
const CONFIG_MAX_CHARS = 512 * 1024;

/**
 * What a configuration file carries: what shops of one chain set up alike.
 * An allowlist, so a parameter added later (maybe per-terminal, maybe secret)
 * stays out until someone decides it belongs here. Never in the file:
 * - the terminal number (每台终端一个, registered with the acquirer per device),
 *   `configured` and the file's own schemaVersion;
 * - secrets: the master/working keys and the QR gateway and back-office
 *   tokens live sealed in the database, not in the parameters — the file
 *   carries their addresses and timeouts only;
 * - the merchant number, unless asked for (`withMerchantNumber`): tills of one
 *   shop share it, but the shops of a chain are usually each a merchant of
 *   their own at the acquirer, so by default it stays with the terminal.
 * Counters (batch, trace) are in the database and never travel either.
 */
export const SHARED_PARAMETERS = [
  'merchantName',
  'host',
  'qr',
  'backOffice',
  'enabled',
  'fees',
  'settlement',
  'receipt',
  'printer',
  'passwordExpiryDays',
] as const satisfies ReadonlyArray<keyof TerminalParameters>;
const OPTIONAL_SHARED = ['merchantNumber'] as const satisfies ReadonlyArray<
  keyof TerminalParameters
>;
const IMPORTABLE: ReadonlySet<string> = new Set([...SHARED_PARAMETERS, ...OPTIONAL_SHARED]);

export interface ConfigFile {
  format: typeof CONFIG_FORMAT;
  formatVersion: number;
  /** ISO 8601 (UTC). */
  exportedAt: string;
  /** The app version that wrote it. */
  appVersion: string;
  parameters: Partial<TerminalParameters>;
}

export type ParameterChange = { field: string; from: unknown; to: unknown };

export interface ConfigPreview {
  /** The parameters this terminal would have after the import. */
  parameters: TerminalParameters;
  /** Old → new for every leaf that would change (CA certificates by fingerprint). */
  changes: ParameterChange[];
  /** Keys in the file that an import never takes (e.g. terminalNumber), ignored. */
  ignored: string[];
  formatVersion: number;
}

/**
 * Zod issues → field issues, one per field and rule: our schemas' messages
 * are rule keys (lowerCamel); zod's own messages become `invalid`.
 */
function issuesOf(error: z.ZodError): FieldIssue[] {
  const seen = new Map<string, FieldIssue>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '(file)';
    const rule = /^[a-z][a-zA-Z]*$/.test(issue.message) ? issue.message : 'invalid';
    seen.set(`${field} ${rule}`, { field, rule });
  }
  return [...seen.values()];
}

/** The parameters as audited and previewed: a CA certificate by its fingerprints, not its PEM. */
function forDiff(p: TerminalParameters): TerminalParameters {
  const prints = caFingerprints(p.host.caCertificate) ?? ['?'];
  return {
    ...p,
    host: { ...p.host, caCertificate: prints.map((f) => `SHA256:${f}`).join(' ') },
  };
}

// ---------------------------------------------------------------------------

export interface ExportServiceDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  version: string;
  /** After an import is applied (peripherals pick up new settings). */
  onSaved?: () => void;
  /** After an import changed the host settings (the host session starts over). */
  onHostSaved?: () => void;
}

export function createExportService(deps: ExportServiceDeps) {
  const { repos, settings, clock, logger } = deps;

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

  function parseConfig(text: string): ConfigPreview & { next: TerminalParameters } {
    if (text.length > CONFIG_MAX_CHARS) fail('CONFIG_FILE_INVALID');
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      fail('CONFIG_FILE_INVALID');
    }
    const isObj = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObj(raw) || raw.format !== CONFIG_FORMAT || !isObj(raw.parameters)) {
      fail('CONFIG_FILE_INVALID');
    }
    const version = raw.formatVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      fail('CONFIG_FILE_INVALID');
    }
    if (version > CONFIG_FORMAT_VERSION) {
      fail('CONFIG_VERSION_UNSUPPORTED', { found: version, supported: CONFIG_FORMAT_VERSION });
    }
    const current = settings.get();
    const taken: Record<string, unknown> = {};
    const ignored: string[] = [];
    for (const [key, value] of Object.entries(raw.parameters)) {
      if (IMPORTABLE.has(key)) taken[key] = value;
      else ignored.push(key);
    }
    // Sections missing from the file keep this terminal's values.
    let parsed: ReturnType<typeof TerminalParameters.safeParse>;
    try {
      parsed = TerminalParameters.safeParse({ ...current, ...taken });
    } catch {
      // A schema that throws on hostile input refuses it like any invalid input.
      failFields([{ field: '(file)', rule: 'invalid' }]);
    }
    if (!parsed.success) failFields(issuesOf(parsed.error));
    const next = parsed.data;
    const issues: FieldIssue[] = [];
    if (next.merchantName !== undefined) {
      // Only the merchant name is looked at: its GB18030 rules (printable, ≤ 40 bytes).
      issues.push(
        ...checkSetupRules({
          merchantNumber: next.merchantNumber ?? '',
          terminalNumber: next.terminalNumber ?? '',
          merchantName: next.merchantName,
          printer: next.printer,
          paperWidth: next.receipt.paperWidth,
        }),
      );
    }
    if (!caFingerprints(next.host.caCertificate)) {
      issues.push({ field: 'host.caCertificate', rule: 'caCertificate' });
    }
    if (issues.length > 0) failFields(issues);
    return {
      next,
      parameters: next,
      changes: diffParameters(forDiff(current), forDiff(next)),
      ignored: ignored.sort(),
      formatVersion: version,
    };
  }

  function exportConfig(opts: { withMerchantNumber?: boolean } = {}): ConfigFile {
    const p = settings.get();
    const parameters: Record<string, unknown> = {};
    const keys: ReadonlyArray<keyof TerminalParameters> = opts.withMerchantNumber
      ? [...SHARED_PARAMETERS, ...OPTIONAL_SHARED]
      : SHARED_PARAMETERS;
    for (const key of keys) if (p[key] !== undefined) parameters[key] = p[key];
    return {
      format: CONFIG_FORMAT,
      formatVersion: CONFIG_FORMAT_VERSION,
      exportedAt: new Date(clock.now()).toISOString(),
      appVersion: deps.version,
      parameters: parameters as Partial<TerminalParameters>,
    };
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
        const out = createWriteStream(partial);
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

    /** The configuration file's content (see SHARED_PARAMETERS for what it holds). */
    exportConfig,

    /** The configuration as the JSON text of a file; audited as `config.exported`. */
    exportConfigJson(operatorNo: string, opts: { withMerchantNumber?: boolean } = {}): string {
      const file = exportConfig(opts);
      repos.audit.append(
        {
          operatorNo,
          action: 'config.exported',
          detail: {
            formatVersion: file.formatVersion,
            keys: Object.keys(file.parameters),
          },
        },
        clock.now(),
      );
      return JSON.stringify(file, null, 2) + '\n';
    },

    /**
     * Reads a configuration file's text and shows what it would change here:
     * CONFIG_FILE_INVALID when it is not one (not JSON, wrong format),
     * CONFIG_VERSION_UNSUPPORTED when it comes from a newer format,
     * INVALID_INPUT with one field issue per broken rule (path → rule) when a
     * parameter breaks the schema. Changes nothing.
     */
    previewImport(text: string): ConfigPreview {
      const { next: _next, ...preview } = parseConfig(text);
      return preview;
    },

    /**
     * Validates again (against the parameters as they are now), saves
     * atomically and audits old → new as `parameters.changed` (via
     * `config.import`). Returns what changed.
     */
    applyImport(text: string, operatorNo: string): ConfigPreview {
      const { next, ...preview } = parseConfig(text);
      if (preview.changes.length > 0) settings.save(next);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { via: 'config.import', changes: preview.changes, ignored: preview.ignored },
        },
        clock.now(),
      );
      if (preview.changes.length > 0) {
        deps.onSaved?.();
        if (preview.changes.some((c) => c.field.startsWith('host.'))) deps.onHostSaved?.();
      }
      return preview;
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
