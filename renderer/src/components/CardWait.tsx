import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../preload/contract';

type CardPhase = EventPayload<'card:progress'>['phase'];
import { pos } from '../lib/pos';

/**
 * Where a card transaction is (card, PIN, connecting, sent and waiting for the
 * host…), from the main side's progress events. It ticks the seconds left of
 * the connect and reply waits once a second (issue 18 item 7).
 */
export function useCardProgress(initial: CardPhase = 'insert-card') {
  const [phase, setPhase] = useState<CardPhase>(initial);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  useEffect(
    () =>
      pos().events.on('card:progress', (p) => {
        setPhase(p.phase);
        setSecondsLeft(p.secondsLeft);
      }),
    [],
  );
  return { phase, secondsLeft, cancellable: phase === 'insert-card' || phase === 'enter-pin' };
}

/** The phase in words and, while there is a deadline, the seconds left. */
export function CardPhaseLines({
  phase,
  secondsLeft,
}: {
  phase: CardPhase;
  secondsLeft: number | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="card-phase" data-testid="card-phase">
        {t(`card.phase.${phase}`)}
      </p>
      {secondsLeft !== null && (
        <p className="countdown" data-testid="card-countdown" data-seconds={secondsLeft}>
          {t('qr.secondsLeft', { seconds: secondsLeft })}
        </p>
      )}
    </>
  );
}

const cancel = () => void pos().card.cancel({});

/**
 * The card wait of the screens that run a card transaction in place (pre-auth,
 * its completion and cancel, refund): the same phase and countdown as the
 * sale's, and 取消 (Esc) while the PIN pad still waits for the card or PIN.
 */
export function CardWait({ initialPhase }: { initialPhase?: CardPhase }) {
  const { t } = useTranslation();
  const { phase, secondsLeft, cancellable } = useCardProgress(initialPhase);
  useEffect(() => {
    if (!cancellable) return;
    // Capture: the screen's own Esc (back to standby) must not see it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      cancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [cancellable]);
  return (
    <div className="card-wait" data-testid="card-wait" data-phase={phase} aria-live="polite">
      <CardPhaseLines phase={phase} secondsLeft={secondsLeft} />
      {cancellable && (
        <button type="button" data-testid="card-cancel" onClick={cancel}>
          {t('card.cancel')}
        </button>
      )}
    </div>
  );
}
