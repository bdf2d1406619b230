import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type CardOutcome,
  type PosError,
  type Result,
} from '../../../../preload/contract';
import { pos } from '../../lib/pos';
import { useKeys } from './useKeys';

type Phase =
  | 'flushing-reversals'
  | 'insert-card'
  | 'enter-pin'
  | 'connecting'
  | 'waiting-host'
  | 'reversing'
  | 'printing';

/**
 * 银行卡收款: starts the card sale and follows it (card, PIN, host) until the
 * outcome; Esc cancels while the PIN pad is still waiting.
 */
export function CardTender({
  amountFen,
  start,
  onOutcome,
  onError,
}: {
  amountFen: number;
  /** Starts the card payment (of the order) and answers with its outcome. */
  start(): Promise<Result<CardOutcome>>;
  onOutcome(o: CardOutcome): void;
  onError(e: PosError): void;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>('insert-card');
  // The main side ticks the seconds left of the connect and reply waits once a second.
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const started = useRef(false);

  useEffect(
    () =>
      pos().events.on('card:progress', (p) => {
        setPhase(p.phase);
        setSecondsLeft(p.secondsLeft);
      }),
    [],
  );
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start().then((r) => (r.ok ? onOutcome(r.value) : onError(r.error)));
  }, [start, onOutcome, onError]);

  const cancellable = phase === 'insert-card' || phase === 'enter-pin';
  const cancel = () => void pos().card.cancel({});
  useKeys({ Escape: cancel }, cancellable);

  return (
    <section className="panel card-tender" data-testid="card-tender" data-phase={phase}>
      <dl className="big">
        <dt>{t('sale.due')}</dt>
        <dd>{formatFen(amountFen)}</dd>
      </dl>
      <p className="card-phase" data-testid="card-phase">
        {t(`card.phase.${phase}`)}
      </p>
      {secondsLeft !== null && (
        <p className="countdown" data-testid="card-countdown" data-seconds={secondsLeft}>
          {t('qr.secondsLeft', { seconds: secondsLeft })}
        </p>
      )}
      {cancellable && (
        <button type="button" data-testid="card-cancel" onClick={cancel}>
          {t('card.cancel')}
        </button>
      )}
    </section>
  );
}
