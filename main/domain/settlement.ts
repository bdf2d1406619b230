/**
 * End-of-day totals (PRODUCT.md §6): what a batch took in and gave back, per
 * tender, with the merchant's fees (MDR) at the configured rates. Pure
 * arithmetic on integer fen; rates are in hundredths of a percent (0.60 % = 60).
 */

export interface SettlementRow {
  type: 'sale' | 'void' | 'refund' | 'preauth' | 'preauth_cancel' | 'preauth_complete';
  tender: 'cash' | 'card' | 'qr';
  state: string;
  amountFen: number;
  /** Card issued abroad (外卡); false for cash and QR. */
  foreign: boolean;
  /** The rate stored with a QR payment when it was taken (null: use the current one). */
  feeRateBp: number | null;
}

export interface FeeRates {
  cardRate: number;
  cardLargeRate: number;
  largeAmountThresholdFen: number;
  qrRate: number;
}

export interface TenderTotals {
  debitCount: number;
  debitFen: number;
  creditCount: number;
  creditFen: number;
  feeFen: number;
  /** debit − credit − fees */
  netFen: number;
}

export interface BatchTotals {
  cardDomestic: TenderTotals;
  cardForeign: TenderTotals;
  qr: TenderTotals;
  cash: TenderTotals;
  total: TenderTotals;
}

/** Sales and completions take money in; voids and refunds give it back. */
const DEBIT_TYPES = new Set(['sale', 'preauth_complete']);
const CREDIT_TYPES = new Set(['void', 'refund']);
/**
 * A debit still counts when it was later voided or refunded (the void or
 * refund is its own credit row); a declined, reversed or cancelled one never
 * took money.
 */
const DEBIT_STATES = new Set(['approved', 'voided', 'refunded']);
const CREDIT_STATE = 'approved';

const sqlList = (xs: Iterable<string>) => [...xs].map((x) => `'${x}'`).join(', ');
/**
 * The same rule as an SQL condition on `transactions` (type, state): the
 * batch upload (批上送) sends exactly the card rows the totals count — never
 * a pre-auth hold, its cancel, or a row that moved no money.
 */
export const COUNTED_IN_TOTALS_SQL =
  `((type IN (${sqlList(DEBIT_TYPES)}) AND state IN (${sqlList(DEBIT_STATES)}))` +
  ` OR (type IN (${sqlList(CREDIT_TYPES)}) AND state = '${CREDIT_STATE}'))`;

/** Rounded half up, in fen: 0.60 % of ¥0.83 is 0.498 fen → 0 fen; of ¥0.84 → 1 fen. */
export function feeFen(amountFen: number, rateBp: number): number {
  return Math.floor((amountFen * rateBp + 5_000) / 10_000);
}

/** The rate a debit pays: cards by size (large amounts get the lower rate), QR its own. */
export function rateFor(row: SettlementRow, rates: FeeRates): number {
  if (row.tender === 'cash') return 0;
  if (row.tender === 'qr') return row.feeRateBp ?? rates.qrRate;
  return row.amountFen > rates.largeAmountThresholdFen ? rates.cardLargeRate : rates.cardRate;
}

const empty = (): TenderTotals => ({
  debitCount: 0,
  debitFen: 0,
  creditCount: 0,
  creditFen: 0,
  feeFen: 0,
  netFen: 0,
});

/**
 * Fees are on what settles: sales and completions net of same-batch voids.
 * A void cancels its sale inside the batch (voids are only allowed before
 * settlement, so a voided debit and its void always share the batch): the
 * pair moves no money and carries no fee. A refund is a new credit after the
 * sale settled; the sale's fee stays and the refund gets none back (what the
 * acquirer returns of it is its business, not the terminal's to guess). The
 * report says both in words (FEES_NOTE).
 */
export function computeBatchTotals(rows: Iterable<SettlementRow>, rates: FeeRates): BatchTotals {
  const t: BatchTotals = {
    cardDomestic: empty(),
    cardForeign: empty(),
    qr: empty(),
    cash: empty(),
    total: empty(),
  };
  for (const row of rows) {
    const bucket =
      row.tender === 'card' ? (row.foreign ? t.cardForeign : t.cardDomestic) : t[row.tender];
    if (DEBIT_TYPES.has(row.type) && DEBIT_STATES.has(row.state)) {
      bucket.debitCount += 1;
      bucket.debitFen += row.amountFen;
      if (row.state !== 'voided') bucket.feeFen += feeFen(row.amountFen, rateFor(row, rates));
    } else if (CREDIT_TYPES.has(row.type) && row.state === CREDIT_STATE) {
      bucket.creditCount += 1;
      bucket.creditFen += row.amountFen;
    }
  }
  for (const bucket of [t.cardDomestic, t.cardForeign, t.qr, t.cash]) {
    bucket.netFen = bucket.debitFen - bucket.creditFen - bucket.feeFen;
    t.total.debitCount += bucket.debitCount;
    t.total.debitFen += bucket.debitFen;
    t.total.creditCount += bucket.creditCount;
    t.total.creditFen += bucket.creditFen;
    t.total.feeFen += bucket.feeFen;
    t.total.netFen += bucket.netFen;
  }
  return t;
}

/** How the fee column is computed, in words, for the printed reports (the screens say the same). */
export const FEES_NOTE = {
  zh: '手续费按消费和预授权完成计，同批次已撤销的不收；退货不退回手续费',
  en: 'Fees: on sales and completions; none on those voided in the batch; refunds get no fee back',
} as const;

/** What the host is told (field 48): card transactions only, domestic and foreign. */
export function hostTotals(t: BatchTotals) {
  const side = (b: TenderTotals) => ({
    debitCount: b.debitCount,
    debitAmount: b.debitFen,
    creditCount: b.creditCount,
    creditAmount: b.creditFen,
    result: 0,
  });
  return { domestic: side(t.cardDomestic), foreign: side(t.cardForeign) };
}

/**
 * Field 48 carries each count as n3 (HOST-PROTOCOL.md A): a batch can tell
 * the host of at most 999 debits and 999 credits per side (domestic,
 * foreign). One more and the batch could never settle, so a card
 * transaction that would be the 1000th of its kind is refused until the
 * batch is settled — as UnionPay terminals say 交易笔数已满，请结算.
 */
export const HOST_TOTALS_MAX_COUNT = 999;
/** From this many on, standby tells the cashier to settle soon. */
export const BATCH_NEARLY_FULL_COUNT = 900;

/** Which count of field 48 a card transaction of this type adds to, if any. */
export function hostTotalsSide(type: SettlementRow['type']): 'debits' | 'credits' | null {
  if (DEBIT_TYPES.has(type)) return 'debits';
  if (CREDIT_TYPES.has(type)) return 'credits';
  return null;
}

/**
 * States in which a card row counts, or may yet count, towards the batch's
 * totals: an approval, one still waiting on the host or uncertain, and a
 * debit later voided or refunded.
 */
export const MAY_COUNT_STATES_SQL = `('pending', 'uncertain', 'approved', 'voided', 'refunded')`;
