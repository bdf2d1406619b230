import { createHash } from 'node:crypto';
import { DUPLICATE_MARK } from '../../main/domain/receipt';
import { decodeEscPos } from '../../native/printer/escpos-decoder';

/**
 * What the printer simulator received, read back as paper: each job decoded
 * into the document it is (its title and copy), whether it is whole (it ends
 * in a cut: a job cut short by a kill or a disconnect is not), and the
 * numbers it shows. The printer is outside the terminal: what it holds is
 * what the customer and the shop got, whatever the terminal's database says.
 */
export interface PrintedJob {
  /** Index in the simulator's job list (arrival order). */
  job: number;
  /** The terminal process (round) during which it arrived. */
  round: number;
  /** Ends in a paper cut: the whole document came out. */
  complete: boolean;
  /** Marked 重打印 DUPLICATE: a reprint someone asked for. */
  duplicate: boolean;
  /** Its heading: 'order' (收银小票), 'card', 'qr', 'fault', 'settlement' or 'other'. */
  title: string;
  /** 商户存根 / 持卡人存根 / 顾客存根, if it is one copy of several. */
  copy: string | null;
  /** 单号 on an order receipt. */
  orderNo: string | null;
  /** Every batch/voucher it shows ("000001/000123"). */
  vouchers: string[];
  /** A cash payment's voucher on an order receipt. */
  cashVouchers: string[];
  /** The exact bytes, hashed: the same job sent again prints the same bytes. */
  digest: string;
}

const TITLES: Array<[RegExp, string]> = [
  [/收银小票 SALES RECEIPT/, 'order'],
  [/银联POS签购单/, 'card'],
  [/扫码付款凭证/, 'qr'],
  [/冲正不成功/, 'fault'],
  [/结算单/, 'settlement'],
];

export function readJob(bytes: Buffer, job: number, round: number): PrintedJob {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  let lines: string[] = [];
  let cuts = 0;
  try {
    const d = decodeEscPos(bytes);
    lines = d.lines.map((l) => l.text);
    cuts = d.cuts;
  } catch {
    /* a job cut short may not decode: it is not whole */
  }
  const text = lines.join('\n');
  const vouchers: string[] = [];
  const cashVouchers: string[] = [];
  // Order receipts: one "批次号/凭证号 BATCH/VOUCHER b/t" per cash or QR payment, after its tender line.
  let tender = '';
  for (const line of lines) {
    if (/^现金 CASH/.test(line)) tender = 'cash';
    else if (/^\S/.test(line) && !/^找零 CHANGE/.test(line)) tender = '';
    const m = /BATCH\/VOUCHER\s+(\d{6})\/(\d{6})\s*$/.exec(line);
    if (m) {
      vouchers.push(`${m[1]}/${m[2]}`);
      if (tender === 'cash') cashVouchers.push(`${m[1]}/${m[2]}`);
    }
  }
  // Slips: 批次号 BATCH NO. and 凭证号 VOUCHER NO. on lines of their own.
  const trace = /^\s*凭证号 VOUCHER NO\.\s+(\d{6})\s*$/m.exec(text)?.[1];
  const batch = /^\s*批次号 BATCH NO\.\s+(\d{6})\s*$/m.exec(text)?.[1];
  if (trace) vouchers.push(`${batch ?? '??????'}/${trace}`);
  return {
    job,
    round,
    complete: cuts > 0,
    duplicate: text.includes(DUPLICATE_MARK),
    title: TITLES.find(([re]) => re.test(text))?.[1] ?? 'other',
    copy: /(商户存根|持卡人存根|顾客存根)/.exec(text)?.[1] ?? null,
    orderNo: /单号 ORDER NO\.\s+(\d{14})/.exec(text)?.[1] ?? null,
    vouchers,
    cashVouchers,
    digest,
  };
}
