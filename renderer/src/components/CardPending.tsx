import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type CardEnded, type RunningCard } from '../../../preload/contract';
import { errorText } from '../lib/error-text';
import { pos } from '../lib/pos';

/**
 * A card transaction this page did not start: the page was reloaded (F5, a
 * crashed renderer) while its sale was already at the host, or another window
 * runs one. Its own screen is gone, so without this the cashier would see
 * standby with no idea a payment is still running. Asked once when the page
 * comes up (card:running); shown with its amount and phase until card:ended,
 * then as its result until dismissed. A transaction this page starts later
 * has its own screen and is not shown here. Besides the sale family
 * (sale, pre-auth, balance) it may be a follow-up the cashier started: a
 * refund, a void, a pre-auth cancel or completion, worded as such.
 */
export function CardPending() {
  const { t } = useTranslation();
  const [running, setRunning] = useState<RunningCard | null>(null);
  const [ended, setEnded] = useState<CardEnded | null>(null);
  // The one this page watches: a follow-up in another window may overlap it,
  // and that one's end is not this one's.
  const watching = useRef<Pick<RunningCard, 'kind' | 'amountFen'> | null>(null);

  useEffect(() => {
    let live = true;
    // Listening before asking: an end that comes after the answer is not missed.
    const offProgress = pos().events.on('card:progress', (p) => {
      if (live && watching.current) setRunning((r) => (r ? { ...r, phase: p.phase } : r));
    });
    const offEnded = pos().events.on('card:ended', (e) => {
      const w = watching.current;
      if (!live || !w || w.kind !== e.kind || w.amountFen !== e.amountFen) return;
      watching.current = null;
      setRunning(null);
      setEnded(e);
    });
    void pos()
      .card.running({})
      .then((r) => {
        if (!live || !r.ok || !r.value.running) return;
        watching.current = r.value.running;
        setRunning(r.value.running);
      });
    return () => {
      live = false;
      offProgress();
      offEnded();
    };
  }, []);

  if (running) {
    const kind = t(`cardPending.kind.${running.kind}`);
    return (
      <section
        className="panel notice card-pending"
        data-testid="card-pending"
        data-phase={running.phase}
        role="status"
        aria-live="polite"
      >
        <p className="warning">
          {t([`cardPending.runningOf.${running.kind}`, 'cardPending.running'])}
        </p>
        {running.kind !== 'balance' && (
          <p data-testid="card-pending-amount">
            {t('cardPending.amount', { kind, amount: formatFen(running.amountFen) })}
          </p>
        )}
        <p className="card-phase">{t(`card.phase.${running.phase}`)}</p>
      </section>
    );
  }
  if (!ended) return null;
  const kind = t(`cardPending.kind.${ended.kind}`);
  // A follow-up's end in its own words where a payment's would mislead (a declined refund gave nothing back).
  const words = t(
    [`cardPending.endedOf.${ended.kind}.${ended.result}`, `cardPending.ended.${ended.result}`],
    {
      kind,
      amount: formatFen(ended.amountFen),
      code: ended.responseCode ?? '',
      reason: ended.error ? errorText(t, ended.error) : '',
    },
  );
  return (
    <section
      className="panel notice card-pending"
      data-testid="card-pending"
      data-result={ended.result}
      role="status"
      aria-live="polite"
    >
      <p data-testid="card-pending-result">{words}</p>
      <button type="button" data-testid="card-pending-dismiss" onClick={() => setEnded(null)}>
        {t('cardPending.dismiss')}
      </button>
    </section>
  );
}
