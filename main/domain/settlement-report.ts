import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { formatReceiptTime, markers, rmb, type ReceiptTerminal } from './receipt';
import { FEES_NOTE, type BatchTotals, type TenderTotals } from './settlement';

export interface SettlementReportInput {
  batchNo: string;
  operatorNo: string;
  settledAt: number;
  training: boolean;
  verdict: 'balanced' | 'unbalanced';
  uploadedCount: number;
  totals: BatchTotals;
  cycle: 'T+1' | 'D+0';
  account: string;
}

const SECTIONS: Array<[keyof Omit<BatchTotals, 'total'>, string]> = [
  ['cardDomestic', '内卡 DOMESTIC CARDS'],
  ['cardForeign', '外卡 FOREIGN CARDS'],
  ['qr', '扫码 QR CODES'],
  ['cash', '现金 CASH'],
];

function section(title: string, t: TenderTotals, withNet: boolean): PrintLine[] {
  return [
    { kind: 'text', text: title, bold: true },
    { kind: 'pair', left: `消费 SALES ${t.debitCount}`, right: rmb(t.debitFen) },
    { kind: 'pair', left: `撤销/退货 VOID/REFUND ${t.creditCount}`, right: rmb(t.creditFen) },
    { kind: 'pair', left: '手续费 FEES', right: rmb(t.feeFen) },
    ...(withNet ? [{ kind: 'pair', left: '净额 NET', right: rmb(t.netFen) } as const] : []),
  ];
}

/**
 * The tender sections that moved money and the totals under a double rule:
 * the body of the settlement report and of the shift / X / Z report slips.
 */
export function totalsLines(totals: BatchTotals, opts: { tenderNet: boolean }): PrintLine[] {
  const t = totals.total;
  const lines: PrintLine[] = [];
  for (const [key, title] of SECTIONS) {
    const s = totals[key];
    if (s.debitCount + s.creditCount > 0) lines.push(...section(title, s, opts.tenderNet));
  }
  lines.push(
    { kind: 'rule', char: '=' },
    {
      kind: 'pair',
      left: `总计消费 TOTAL SALES ${t.debitCount}`,
      right: rmb(t.debitFen),
      bold: true,
    },
    { kind: 'pair', left: `总计退款 TOTAL CREDITS ${t.creditCount}`, right: rmb(t.creditFen) },
    { kind: 'pair', left: '手续费 FEES', right: rmb(t.feeFen) },
    { kind: 'pair', left: '净额 NET', right: rmb(t.netFen), bold: true },
    { kind: 'text', text: FEES_NOTE.zh },
    { kind: 'text', text: FEES_NOTE.en },
  );
  return lines;
}

/**
 * 结算单: the batch's totals per tender, the host's verdict, fees at the
 * configured rates and the net, the settlement cycle and account. Two-column
 * pairs fit 32 (58 mm) and 48 (80 mm) columns alike.
 */
export function buildSettlementReport(
  terminal: ReceiptTerminal,
  r: SettlementReportInput,
): PrintDocument {
  const lines: PrintLine[] = [
    { kind: 'text', text: '结算单', align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: 'SETTLEMENT REPORT', align: 'center' },
    ...markers(r.training, false),
    { kind: 'rule' },
    { kind: 'text', text: terminal.merchantName, bold: true },
    { kind: 'pair', left: '商户编号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: r.operatorNo },
    { kind: 'pair', left: '批次号 BATCH NO.', right: r.batchNo },
    { kind: 'pair', left: '日期时间 DATE/TIME', right: formatReceiptTime(r.settledAt) },
    {
      kind: 'pair',
      left: '对账结果 RESULT',
      right: r.verdict === 'balanced' ? '对账平 BALANCED' : '对账不平 UNBALANCED',
      bold: true,
    },
  ];
  if (r.verdict === 'unbalanced')
    lines.push({ kind: 'pair', left: '批上送 UPLOADED', right: String(r.uploadedCount) });
  lines.push(
    { kind: 'rule' },
    ...totalsLines(r.totals, { tenderNet: false }),
    { kind: 'rule' },
    { kind: 'pair', left: '结算周期 CYCLE', right: r.cycle },
  );
  if (r.account) lines.push({ kind: 'pair', left: '结算账户 ACCOUNT', right: r.account });
  lines.push({ kind: 'feed', lines: 2 });
  return { lines, cut: true };
}
