import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { computeBatchTotals, type SettlementRow } from '../../../../main/domain/settlement';
import { buildSettlementReport } from '../../../../main/domain/settlement-report';
import type { PaperWidth } from '../../../../native/printer/document';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';

const TERMINAL = {
  merchantName: '测试便利店',
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  header: '',
  footer: '',
};
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
const totals = computeBatchTotals(
  [
    row({}),
    row({ amountFen: 12_345_678, foreign: true }),
    row({ tender: 'qr', amountFen: 2_500, feeRateBp: 38 }),
    row({ tender: 'qr', type: 'refund', amountFen: 500 }),
    row({ tender: 'cash', amountFen: 3_000 }),
  ],
  RATES,
);

function render(paperWidth: PaperWidth, verdict: 'balanced' | 'unbalanced') {
  const doc = buildSettlementReport(TERMINAL, {
    batchNo: '000007',
    operatorNo: '00',
    settledAt: Date.parse('2026-11-24T22:00:00+08:00'),
    training: true,
    verdict,
    uploadedCount: 3,
    totals,
    cycle: 'T+1',
    account: '6222 0000 1234',
  });
  const bytes = encodeDocument(doc, { paperWidth });
  return decodeEscPos(bytes).lines.map((l) => l.text);
}

describe('settlement report', () => {
  it.each([58, 80] as const)('fits %i mm paper in two columns, in GB18030', (width) => {
    const lines = render(width, 'balanced');
    const columns = width === 58 ? 32 : 48;
    for (const line of lines)
      expect(Buffer.byteLength(iconv.encode(line, 'gb18030')), line).toBeLessThanOrEqual(columns);
    expect(lines.some((l) => /^批次号 BATCH NO\. +000007$/.test(l))).toBe(true);
    expect(lines.some((l) => /^对账结果 RESULT +对账平 BALANCED$/.test(l))).toBe(true);
  });

  it('shows each tender with sales, credits and fees, then the totals and the net', () => {
    const text = render(80, 'balanced').join('\n');
    expect(text).toContain('内卡 DOMESTIC CARDS');
    expect(text).toContain('外卡 FOREIGN CARDS');
    expect(text).toContain('扫码 QR CODES');
    expect(text).toContain('现金 CASH');
    expect(text).toMatch(/净额 NET +RMB [\d,]+\.\d\d/);
    expect(text).toMatch(/结算周期 CYCLE +T\+1/);
    expect(text).toContain('培训');
    expect(totals.total.netFen).toBe(
      totals.total.debitFen - totals.total.creditFen - totals.total.feeFen,
    );
  });

  it('says in words how fees treat voids and refunds (both languages)', () => {
    const text = render(58, 'balanced').join('');
    expect(text).toContain('同批次已撤销的不收');
    expect(text).toContain('退货不退回手续费');
    expect(text).toContain('refunds get no fee back');
  });

  it('says how many transactions an unbalanced batch uploaded', () => {
    const text = render(80, 'unbalanced').join('\n');
    expect(text).toMatch(/对账结果 RESULT +对账不平 UNBALANCED/);
    expect(text).toMatch(/批上送 UPLOADED +3/);
  });
});
