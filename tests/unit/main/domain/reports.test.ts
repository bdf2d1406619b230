import { describe, expect, it } from 'vitest';
import { dayHours, foldBuckets, monthDays, operatorLine } from '../../../../main/domain/reports';
import { computeBatchTotals, type SettlementRow } from '../../../../main/domain/settlement';
import { chartOption } from '../../../../renderer/src/screens/reports/chart-option';

const RATES = { cardRate: 60, cardLargeRate: 55, largeAmountThresholdFen: 1_000_000, qrRate: 38 };
const row = (p: Partial<SettlementRow>): SettlementRow => ({
  type: 'sale',
  tender: 'cash',
  state: 'approved',
  amountFen: 1_000,
  foreign: false,
  feeRateBp: null,
  ...p,
});

describe('report arithmetic', () => {
  it('a voided sale and a fully refunded sale net out to zero (cash: no fees)', () => {
    const t = computeBatchTotals(
      [
        row({ state: 'voided', amountFen: 2_500 }),
        row({ type: 'void', amountFen: 2_500 }),
        row({ state: 'refunded', amountFen: 800 }),
        row({ type: 'refund', amountFen: 800 }),
        row({ state: 'declined', amountFen: 9_999 }),
      ],
      RATES,
    );
    expect(t.total.netFen).toBe(0);
    expect(t.total.debitCount).toBe(2);
    expect(t.total.creditCount).toBe(2);
  });

  it('the total is the sum of the tender parts, fees included', () => {
    const t = computeBatchTotals(
      [
        row({ tender: 'card', amountFen: 12_345 }),
        row({ tender: 'card', amountFen: 2_000_000, foreign: true }),
        row({ tender: 'qr', amountFen: 5_000, feeRateBp: 30 }),
        row({ tender: 'qr', type: 'refund', amountFen: 1_000 }),
        row({ amountFen: 777 }),
      ],
      RATES,
    );
    const parts = [t.cardDomestic, t.cardForeign, t.qr, t.cash];
    for (const k of ['debitFen', 'creditFen', 'feeFen', 'netFen'] as const)
      expect(parts.reduce((s, p) => s + p[k], 0)).toBe(t.total[k]);
    expect(t.total.netFen).toBe(t.total.debitFen - t.total.creditFen - t.total.feeFen);
  });

  it('operator lines net sales − credits', () => {
    expect(
      operatorLine({
        operatorNo: '01',
        debitCount: 3,
        debitFen: 900,
        creditCount: 1,
        creditFen: 300,
      }).netFen,
    ).toBe(600);
  });

  it('folding hour buckets into days keeps every fen, and lists empty days', () => {
    const { starts, labels, end } = monthDays(2026, 2);
    expect(labels).toHaveLength(28);
    const from = starts[0]!;
    const hours = Math.round((end - from) / 3_600_000);
    const rows = Array.from({ length: hours }, (_, i) => ({
      bucket: i,
      debitCount: 1,
      debitFen: i + 1,
      creditCount: i % 5 === 0 ? 1 : 0,
      creditFen: i % 5 === 0 ? 1 : 0,
    })).filter((r) => r.bucket % 7 !== 0);
    const days = foldBuckets(rows, from, 3_600_000, starts, labels);
    const sum = (k: 'debitFen' | 'creditFen') => rows.reduce((s, r) => s + r[k], 0);
    expect(days.reduce((s, d) => s + d.salesFen, 0)).toBe(sum('debitFen'));
    expect(days.reduce((s, d) => s + d.creditsFen, 0)).toBe(sum('creditFen'));
    expect(days.reduce((s, d) => s + d.netFen, 0)).toBe(sum('debitFen') - sum('creditFen'));
  });

  it('a day has its local hours labelled 00–23', () => {
    const start = new Date(2026, 10, 24).getTime();
    const { labels } = dayHours(start, new Date(2026, 10, 25).getTime());
    expect(labels[0]).toBe('00');
    expect(labels).toContain('23');
  });

  it('chart options carry labels in the given language and amounts in yuan', () => {
    const zh = (k: string) =>
      ({ 'reports.chart.byDay': '当月按日销售', 'reports.chart.net': '净额（元）' })[k] ?? k;
    const o = chartOption(
      {
        kind: 'byDay',
        buckets: [{ key: '2026-11-01', count: 2, salesFen: 1_050, creditsFen: 50, netFen: 1_000 }],
      },
      zh,
    ) as { title: { text: string }; xAxis: { data: string[] }; series: Array<{ data: number[] }> };
    expect(o.title.text).toBe('当月按日销售');
    expect(o.xAxis.data).toEqual(['11-01']);
    expect(o.series[2]!.data).toEqual([10]);
  });
});
