import {
  DENOMINATIONS_FEN,
  type DenominationCount,
  type DrawerFigures,
} from '../../preload/contract';
import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { failFields } from './errors';
import { formatReceiptTime, markers, rmb, type ReceiptTerminal } from './receipt';

/**
 * 钱箱 arithmetic (PRODUCT.md §13), pure and in integer fen: what the drawer
 * should hold, what a count by denomination adds up to, and the over/short.
 */

export interface DrawerSums {
  floatFen: number;
  cashSalesFen: number;
  /** Cash handed back over the counter: voids and refunds of cash sales. */
  cashRefundsFen: number;
  paidInFen: number;
  paidOutFen: number;
}

/** float + cash sales − cash voids/refunds + paid-in − paid-out. */
export function expectedCashFen(s: DrawerSums): number {
  return s.floatFen + s.cashSalesFen - s.cashRefundsFen + s.paidInFen - s.paidOutFen;
}

/** 长短款: counted − expected; below zero the drawer is short (短款), above it over (长款). */
export function overShortFen(countedFen: number, expectedFen: number): number {
  return countedFen - expectedFen;
}

/**
 * A count by denomination → its total. Each note or coin at most once in the
 * list (a repeat would be a typing slip counted twice); pieces whole and ≥ 0.
 */
export function denominationsTotal(counts: readonly DenominationCount[]): number {
  const seen = new Set<number>();
  let total = 0;
  for (const c of counts) {
    if (!(DENOMINATIONS_FEN as readonly number[]).includes(c.valueFen) || seen.has(c.valueFen))
      failFields([{ field: 'denominations', rule: 'denomination' }]);
    if (!Number.isSafeInteger(c.pieces) || c.pieces < 0)
      failFields([{ field: 'denominations', rule: 'pieces' }]);
    seen.add(c.valueFen);
    total += c.valueFen * c.pieces;
  }
  return total;
}

/** The figures of one shift: expected from the sums; counted and over/short once counted. */
export function shiftDrawer(s: DrawerSums, countedFen: number | null): DrawerFigures {
  const expected = expectedCashFen(s);
  return {
    ...s,
    expectedFen: expected,
    countedFen,
    overShortFen: countedFen === null ? null : overShortFen(countedFen, expected),
    counts: countedFen === null ? 0 : 1,
  };
}

/** X / Z: the sums of the span, and what the shifts counted in it counted and were over/short. */
export function spanDrawer(
  s: DrawerSums,
  counted: { counts: number; countedFen: number; overShortFen: number },
): DrawerFigures {
  return {
    ...s,
    expectedFen: expectedCashFen(s),
    countedFen: counted.counts > 0 ? counted.countedFen : null,
    overShortFen: counted.counts > 0 ? counted.overShortFen : null,
    counts: counted.counts,
  };
}

/** The over/short line's words: 长款 over, 短款 short, 平 even. */
export function overShortWords(fen: number): string {
  return fen < 0 ? '短款 SHORT' : fen > 0 ? '长款 OVER' : '平 EVEN';
}

/** The drawer section of the shift / X / Z report slips. */
export function drawerLines(d: DrawerFigures): PrintLine[] {
  const lines: PrintLine[] = [
    { kind: 'text', text: '钱箱 CASH DRAWER', bold: true },
    { kind: 'pair', left: '备用金 FLOAT', right: rmb(d.floatFen) },
    { kind: 'pair', left: '现金销售 CASH SALES', right: rmb(d.cashSalesFen) },
    { kind: 'pair', left: '现金退款 CASH REFUNDS', right: rmb(d.cashRefundsFen) },
    { kind: 'pair', left: '收入 PAID IN', right: rmb(d.paidInFen) },
    { kind: 'pair', left: '支出 PAID OUT', right: rmb(d.paidOutFen) },
  ];
  if (d.expectedFen !== null)
    lines.push({ kind: 'pair', left: '应有现金 EXPECTED', right: rmb(d.expectedFen), bold: true });
  if (d.countedFen !== null && d.overShortFen !== null) {
    const label = d.counts > 1 ? `实点现金 COUNTED (${d.counts})` : '实点现金 COUNTED';
    lines.push(
      { kind: 'pair', left: label, right: rmb(d.countedFen), bold: true },
      {
        kind: 'pair',
        left: `长短款 ${overShortWords(d.overShortFen)}`,
        right: rmb(d.overShortFen),
        bold: true,
      },
    );
  }
  return lines;
}

/** The slip a paid-in / paid-out / float prints as the drawer opens (kept with the cash). */
export function buildCashSlip(
  terminal: ReceiptTerminal,
  m: {
    kind: 'float' | 'in' | 'out';
    amountFen: number;
    reason: string;
    operatorNo: string;
    approvedBy: string | null;
    at: number;
    training: boolean;
  },
): PrintDocument {
  const title = { float: '备用金 FLOAT', in: '收入 PAID IN', out: '支出 PAID OUT' }[m.kind];
  const lines: PrintLine[] = [
    { kind: 'text', text: title, align: 'center', bold: true, size: 'double' },
    ...markers(m.training, false),
    { kind: 'rule' },
    { kind: 'text', text: terminal.merchantName, bold: true },
    { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: m.operatorNo },
  ];
  if (m.approvedBy) lines.push({ kind: 'pair', left: '主管 SUPERVISOR', right: m.approvedBy });
  lines.push(
    { kind: 'pair', left: '时间 TIME', right: formatReceiptTime(m.at) },
    { kind: 'pair', left: '金额 AMOUNT', right: rmb(m.amountFen), bold: true },
  );
  if (m.reason) lines.push({ kind: 'text', text: `事由 REASON: ${m.reason}` });
  lines.push({ kind: 'feed', lines: 2 });
  return { lines, cut: true, openDrawer: true };
}
