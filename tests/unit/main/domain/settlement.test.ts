import { describe, expect, it } from 'vitest';
import {
  computeBatchTotals,
  feeFen,
  hostTotals,
  rateFor,
  type SettlementRow,
} from '../../../../main/domain/settlement';

const RATES = { cardRate: 60, cardLargeRate: 55, largeAmountThresholdFen: 1_000_000, qrRate: 38 };
const row = (over: Partial<SettlementRow>): SettlementRow => ({
  type: 'sale',
  tender: 'card',
  state: 'approved',
  amountFen: 10_000,
  foreign: false,
  feeRateBp: null,
  ...over,
});

describe('fees', () => {
  it('rounds half up in whole fen', () => {
    expect(feeFen(83, 60)).toBe(0); // 0.498
    expect(feeFen(84, 60)).toBe(1); // 0.504
    expect(feeFen(10_000, 60)).toBe(60);
    expect(feeFen(12_345, 38)).toBe(47); // 46.911
    expect(feeFen(99_999_999, 60)).toBe(600_000); // 599,999.994 → no float drift at the top
  });

  it('charges large card amounts the lower rate, QR its stored rate, cash nothing', () => {
    expect(rateFor(row({ amountFen: 1_000_000 }), RATES)).toBe(60); // at the threshold: normal
    expect(rateFor(row({ amountFen: 1_000_001 }), RATES)).toBe(55);
    expect(rateFor(row({ tender: 'qr', feeRateBp: 30 }), RATES)).toBe(30);
    expect(rateFor(row({ tender: 'qr' }), RATES)).toBe(38);
    expect(rateFor(row({ tender: 'cash' }), RATES)).toBe(0);
  });
});

describe('batch totals', () => {
  it('counts debits and credits per tender, fees on debits, and nets them', () => {
    const t = computeBatchTotals(
      [
        row({ amountFen: 10_000 }),
        row({ amountFen: 2_000_000 }), // large: 0.55 %
        row({ amountFen: 5_000, foreign: true }),
        row({ amountFen: 7_000, state: 'declined' }),
        row({ amountFen: 8_000, state: 'reversed' }),
        row({ tender: 'qr', amountFen: 12_345, feeRateBp: 38, state: 'refunded' }),
        row({ tender: 'qr', type: 'refund', amountFen: 12_345, feeRateBp: 38 }),
        row({ tender: 'qr', type: 'refund', amountFen: 100, state: 'uncertain' }),
        row({ tender: 'qr', amountFen: 900, state: 'cancelled' }),
        row({ tender: 'cash', amountFen: 3_000 }),
      ],
      RATES,
    );
    expect(t.cardDomestic).toEqual({
      debitCount: 2,
      debitFen: 2_010_000,
      creditCount: 0,
      creditFen: 0,
      feeFen: 60 + 11_000,
      netFen: 2_010_000 - 11_060,
    });
    expect(t.cardForeign).toMatchObject({ debitCount: 1, debitFen: 5_000, feeFen: 30 });
    expect(t.qr).toEqual({
      debitCount: 1,
      debitFen: 12_345,
      creditCount: 1,
      creditFen: 12_345,
      feeFen: 47,
      netFen: -47,
    });
    expect(t.cash).toEqual({
      debitCount: 1,
      debitFen: 3_000,
      creditCount: 0,
      creditFen: 0,
      feeFen: 0,
      netFen: 3_000,
    });
    expect(t.total).toEqual({
      debitCount: 5,
      debitFen: 2_010_000 + 5_000 + 12_345 + 3_000,
      creditCount: 1,
      creditFen: 12_345,
      feeFen: 11_060 + 30 + 47,
      netFen: 2_010_000 - 11_060 + (5_000 - 30) - 47 + 3_000,
    });
  });

  it('tells the host card totals only, domestic and foreign, with result 0', () => {
    const t = computeBatchTotals(
      [row({ amountFen: 100 }), row({ amountFen: 200, foreign: true }), row({ tender: 'cash' })],
      RATES,
    );
    expect(hostTotals(t)).toEqual({
      domestic: { debitCount: 1, debitAmount: 100, creditCount: 0, creditAmount: 0, result: 0 },
      foreign: { debitCount: 1, debitAmount: 200, creditCount: 0, creditAmount: 0, result: 0 },
    });
  });

  it('is all zeros for an empty batch', () => {
    const t = computeBatchTotals([], RATES);
    expect(t.total).toEqual({
      debitCount: 0,
      debitFen: 0,
      creditCount: 0,
      creditFen: 0,
      feeFen: 0,
      netFen: 0,
    });
  });
});

describe('fees on what settles', () => {
  it('charges no fee on a sale or completion voided in the batch; a refunded sale keeps its fee', () => {
    // The walk: ¥88.88 sale voided, then ¥128 and ¥560 → fee on ¥688 only.
    const t = computeBatchTotals(
      [
        row({ amountFen: 8_888, state: 'voided' }),
        row({ type: 'void', amountFen: 8_888 }),
        row({ amountFen: 12_800 }),
        row({ amountFen: 56_000 }),
        row({ type: 'preauth_complete', amountFen: 5_000, state: 'voided' }),
        row({ type: 'void', amountFen: 5_000 }),
        row({ tender: 'qr', amountFen: 10_000, state: 'refunded', feeRateBp: 38 }),
        row({ tender: 'qr', type: 'refund', amountFen: 10_000, feeRateBp: 38 }),
      ],
      RATES,
    );
    expect(t.cardDomestic.feeFen).toBe(feeFen(12_800, 60) + feeFen(56_000, 60)); // 413, not 466
    expect(t.cardDomestic.debitFen).toBe(8_888 + 12_800 + 56_000 + 5_000);
    expect(t.cardDomestic.creditFen).toBe(8_888 + 5_000);
    expect(t.cardDomestic.netFen).toBe(12_800 + 56_000 - 413);
    expect(t.qr.feeFen).toBe(38);
  });
});
