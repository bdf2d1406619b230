import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type CardOutcome,
  type PosError,
  type Result,
} from '../../../../preload/contract';
import { CardPhaseLines, useCardProgress } from '../../components/CardWait';
import { pos } from '../../lib/pos';
import { useKeys } from './useKeys';

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
  const { phase, secondsLeft, cancellable } = useCardProgress();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start().then((r) => (r.ok ? onOutcome(r.value) : onError(r.error)));
  }, [start, onOutcome, onError]);

  const cancel = () => void pos().card.cancel({});
  useKeys({ Escape: cancel }, cancellable);

  return (
    <section className="panel card-tender" data-testid="card-tender" data-phase={phase}>
      <dl className="big">
        <dt>{t('sale.due')}</dt>
        <dd>{formatFen(amountFen)}</dd>
      </dl>
      <CardPhaseLines phase={phase} secondsLeft={secondsLeft} />
      {cancellable && (
        <button type="button" data-testid="card-cancel" onClick={cancel}>
          {t('card.cancel')}
        </button>
      )}
    </section>
  );
}
