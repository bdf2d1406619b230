import { useTranslation } from 'react-i18next';
import { formatFen, type DrawerFigures } from '../../../preload/contract';

/** 长款 / 短款 / 平 with the amount, as the cashier and the manager read it. */
export function OverShort({ fen, testId }: { fen: number; testId?: string }) {
  const { t } = useTranslation();
  const text =
    fen < 0
      ? t('cash.short', { amount: formatFen(-fen) })
      : fen > 0
        ? t('cash.over', { amount: formatFen(fen) })
        : t('cash.even');
  return (
    <span className={fen < 0 ? 'short' : fen > 0 ? 'over' : undefined} data-testid={testId}>
      {text}
    </span>
  );
}

/**
 * The drawer's figures (shift, X, Z): float, cash in and out, and — only once
 * they are known and may be shown — expected, counted and over/short.
 */
export function DrawerTable({ drawer }: { drawer: DrawerFigures }) {
  const { t } = useTranslation();
  const rows: Array<[string, string, number]> = [
    ['float', t('cash.float'), drawer.floatFen],
    ['cash-sales', t('cash.cashSales'), drawer.cashSalesFen],
    ['cash-refunds', t('cash.cashRefunds'), drawer.cashRefundsFen],
    ['paid-in', t('cash.paidIn'), drawer.paidInFen],
    ['paid-out', t('cash.paidOut'), drawer.paidOutFen],
  ];
  if (drawer.expectedFen !== null) rows.push(['expected', t('cash.expected'), drawer.expectedFen]);
  if (drawer.countedFen !== null) rows.push(['counted', t('cash.counted'), drawer.countedFen]);
  return (
    <table data-testid="drawer-table">
      <caption>
        {t('cash.drawer')}
        {drawer.counts > 1 && ` · ${t('cash.countsIncluded', { count: drawer.counts })}`}
      </caption>
      <tbody>
        {rows.map(([key, label, fen]) => (
          <tr key={key}>
            <th>{label}</th>
            <td data-testid={`drawer-${key}`}>{formatFen(fen)}</td>
          </tr>
        ))}
        {drawer.overShortFen !== null && (
          <tr>
            <th>{t('cash.overShort')}</th>
            <td data-testid="drawer-over-short">
              <OverShort fen={drawer.overShortFen} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
