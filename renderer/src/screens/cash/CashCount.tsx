import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DENOMINATIONS_FEN,
  formatFen,
  type CountInput,
  type PosError,
} from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { ErrorMessage } from '../../components/Messages';

type Denomination = (typeof DENOMINATIONS_FEN)[number];

/** ¥100 … ¥0.1 as the cashier reads them on the notes and coins. */
const yuan = (fen: number) => `¥${fen % 100 === 0 ? fen / 100 : (fen / 100).toFixed(1)}`;

/**
 * 交班 blind count: the cashier enters what is in the drawer — a total, or
 * pieces per note and coin — and nothing on this form says what is expected.
 * `onCount` records it; the expected amount is only answered after that.
 */
export function CashCount({
  busy,
  error,
  onCount,
}: {
  busy: boolean;
  error: PosError | null;
  onCount(input: CountInput): void;
}) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'total' | 'denominations'>('total');
  const [totalFen, setTotalFen] = useState(0);
  const [pieces, setPieces] = useState<Record<number, string>>({});

  const counts = DENOMINATIONS_FEN.map((valueFen) => ({
    valueFen,
    pieces: Number(pieces[valueFen] ?? '') || 0,
  }));
  const denominationsFen = counts.reduce((sum, c) => sum + c.valueFen * c.pieces, 0);

  const submit = () => {
    if (busy) return;
    onCount(
      by === 'total'
        ? { by: 'total', countedFen: totalFen }
        : {
            by: 'denominations',
            denominations: counts.filter((c) => c.pieces > 0) as Array<{
              valueFen: Denomination;
              pieces: number;
            }>,
          },
    );
  };

  return (
    <section className="panel" data-testid="cash-count">
      <h1>{t('cash.countTitle')}</h1>
      <p>{t('cash.countHint')}</p>
      <div className="row" role="radiogroup">
        {(['total', 'denominations'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="count-by"
              data-testid={`count-by-${k}`}
              checked={by === k}
              onChange={() => setBy(k)}
            />
            {k === 'total' ? t('cash.byTotal') : t('cash.byDenomination')}
          </label>
        ))}
      </div>
      {by === 'total' ? (
        <label>
          {t('cash.countedTotal')}
          <AmountInput
            label={t('cash.countedTotal')}
            valueFen={totalFen}
            onChange={setTotalFen}
            onEnter={submit}
            testId="count-total"
            autoFocus
          />
        </label>
      ) : (
        <table data-testid="count-denominations">
          <tbody>
            {DENOMINATIONS_FEN.map((v, i) => (
              <tr key={v}>
                <th>{yuan(v)}</th>
                <td>
                  <input
                    data-testid={`count-pieces-${v}`}
                    aria-label={`${yuan(v)} ${t('cash.pieces')}`}
                    inputMode="numeric"
                    maxLength={5}
                    autoFocus={i === 0}
                    value={pieces[v] ?? ''}
                    onChange={(e) =>
                      setPieces({ ...pieces, [v]: e.target.value.replace(/\D/g, '') })
                    }
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        submit();
                      }
                    }}
                  />
                </td>
                <td>{formatFen(v * (Number(pieces[v] ?? '') || 0))}</td>
              </tr>
            ))}
            <tr>
              <th>{t('cash.countedTotal')}</th>
              <td />
              <td data-testid="count-denominations-total">{formatFen(denominationsFen)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <ErrorMessage error={error} />
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="count-confirm"
          disabled={busy}
          onClick={submit}
        >
          {t('cash.countConfirm')}
        </button>
      </div>
    </section>
  );
}
