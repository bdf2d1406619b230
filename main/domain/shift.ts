import type { ShiftSummary } from '../../preload/contract';

export type Tender = 'cash' | 'card' | 'qr';
type TenderLine = ShiftSummary['tenders'][number];
type Totals = ShiftSummary['total'];

const TENDERS: readonly Tender[] = ['cash', 'card', 'qr'];

function empty(): Totals {
  return {
    salesCount: 0,
    salesFen: 0,
    voidsCount: 0,
    voidsFen: 0,
    refundsCount: 0,
    refundsFen: 0,
    netFen: 0,
  };
}

function add(into: Totals, kind: 'sale' | 'void' | 'refund', count: number, fen: number) {
  if (kind === 'sale') {
    into.salesCount += count;
    into.salesFen += fen;
  } else if (kind === 'void') {
    into.voidsCount += count;
    into.voidsFen += fen;
  } else {
    into.refundsCount += count;
    into.refundsFen += fen;
  }
  into.netFen = into.salesFen - into.voidsFen - into.refundsFen;
}

/**
 * 交班 totals from grouped rows: every tender is listed (zeros included, so
 * the cashier sees "cash 0" rather than nothing), and the total is the sum of
 * the tender lines — integer fen throughout.
 */
export function shiftTotals(
  rows: ReadonlyArray<{
    tender: Tender;
    kind: 'sale' | 'void' | 'refund';
    count: number;
    amountFen: number;
  }>,
): { tenders: TenderLine[]; total: Totals } {
  const tenders = TENDERS.map((tender) => ({ tender, ...empty() }));
  const total = empty();
  for (const r of rows) {
    const line = tenders.find((t) => t.tender === r.tender);
    if (!line) continue;
    add(line, r.kind, r.count, r.amountFen);
    add(total, r.kind, r.count, r.amountFen);
  }
  return { tenders, total };
}
