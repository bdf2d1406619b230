import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type OrderUndoView,
  type PosError,
  type TransactionView,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { ResolvedNotice, ResolveUncertainRefund } from '../../components/ResolveUncertainRefund';
import { pos } from '../../lib/pos';
import { usePrintStore } from '../../stores/print-store';
import { useKeys } from './useKeys';

/**
 * 整单撤销 in progress: each payment of the abandoned order and where it
 * stands (to give back, waiting for its outcome, given back). The steps run
 * one after another as soon as the screen shows — also when the till comes
 * back after a crash with an abandon unfinished; a step that fails stays on
 * screen with why, and Enter tries again. Finished: the order is cancelled.
 */
export function UndoProgress({ start, onDone }: { start: OrderUndoView; onDone(): void }) {
  const { t } = useTranslation();
  const upsert = usePrintStore((s) => s.upsert);
  const [undo, setUndo] = useState(start);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [resolved, setResolved] = useState<TransactionView | null>(null);
  const busy = useRef(false);

  // A refund the supervisor settled: the steps as they now stand, then Continue retries.
  const settled = async (after: TransactionView) => {
    setResolved(after);
    const r = await pos().order.undoState({ orderId: undo.orderId });
    if (!r.ok) return setError(r.error);
    if (r.value.undo) setUndo(r.value.undo);
  };

  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setError(null);
    setResolved(null);
    let current = start;
    // one step per call, until finished or a step can't go now (failed, or waiting for its outcome)
    for (let i = 0; i < current.steps.length + 1; i += 1) {
      const r = await pos().order.undoNext({ orderId: current.orderId });
      if (!r.ok) {
        setError(r.error);
        break;
      }
      current = r.value;
      r.value.printJobs.forEach(upsert);
      setUndo(r.value);
      const next = r.value.steps.find((s) => s.state !== 'done');
      if (r.value.finished || !next || next.state === 'waiting' || next.error) break;
    }
    busy.current = false;
    setRunning(false);
  }, [start, upsert]);

  useEffect(() => void run(), [run]);
  // While a refund waits for the supervisor's verdict, Enter belongs to that form.
  const asking = undo.steps.some((s) => s.state === 'waiting' && s.resolvable);
  useKeys({ Enter: () => (undo.finished ? onDone() : void run()) }, !running && !asking);

  return (
    <section className="panel undo-progress" data-testid="undo-progress">
      <h2>{t('split.undoTitle', { number: undo.number })}</h2>
      <ol className="undo-steps">
        {undo.steps.map((s) => (
          <li key={s.paymentId} data-testid="undo-step" data-state={s.state}>
            <span>{t(`split.action.${s.action}`)}</span> <span>{formatFen(s.amountFen)}</span>{' '}
            <strong>{t(`split.stepState.${s.state}`)}</strong>
            {s.error && <ErrorMessage error={s.error} testId="undo-step-error" />}
            {s.state === 'waiting' && s.resolvable && s.waitingTxId !== null && !running && (
              <ResolveUncertainRefund txId={s.waitingTxId} prefix="undo-" onResolved={settled} />
            )}
          </li>
        ))}
      </ol>
      {resolved && (
        <ResolvedNotice transaction={resolved} then={undo.finished ? undefined : 'undo'} />
      )}
      {undo.finished ? (
        <>
          <p className="success" data-testid="undo-finished">
            {t('split.undoFinished')}
          </p>
          <button type="button" className="primary" data-testid="undo-done" onClick={onDone}>
            {t('split.nextCustomer')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="primary"
          data-testid="undo-continue"
          disabled={running}
          onClick={() => void run()}
        >
          {running ? t('split.undoRunning') : t('split.undoContinue')}
        </button>
      )}
      <ErrorMessage error={error} testId="undo-error" />
    </section>
  );
}
