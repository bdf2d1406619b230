import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type PosError,
  type QrOutcome,
  type Result,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { ScannerPanel } from '../../components/ScannerPanel';
import { useCardSwipeGuard } from '../../lib/useCardSwipeGuard';
import { useScanDetector } from '../../lib/useScanDetector';
import { pos } from '../../lib/pos';
import { useKeys } from './useKeys';

type Phase = 'paying' | 'waiting-for-customer' | 'cancelling';

/**
 * 扫码收款: the customer's payment code comes from the scanner (a wedge
 * scanner types it into the field and presses Enter; a serial or simulated
 * scanner sends it as an event) or is typed by hand. While the customer
 * confirms on the phone the screen counts down and Esc cancels the order.
 */
export function QrTender({
  amountFen,
  pay,
  scanned,
  onOutcome,
  onBack,
}: {
  amountFen: number;
  /** Pays (the order) with the customer's code. */
  pay(code: string): Promise<Result<QrOutcome>>;
  /** A code already scanned on the tender choice: paid at once. */
  scanned?: string | undefined;
  onOutcome(o: QrOutcome): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [running, setRunning] = useState(false);
  const [phase, setPhase] = useState<Phase>('paying');
  // The flow reports the time left at each 5 s query; the screen counts down every second.
  const [deadline, setDeadline] = useState<number | null>(null);
  const [, setTick] = useState(0);
  const [error, setError] = useState<PosError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const runningRef = useRef(false);
  // A card swiped or its number typed here is not a payment code: never shown, never sent.
  const [cardRefused, setCardRefused] = useState(false);
  const guard = useCardSwipeGuard({ paymentCodes: true, onCardData: () => setCardRefused(true) });

  const submit = async (raw: string) => {
    if (runningRef.current) return;
    const scanned = raw.trim();
    if (!scanned) return;
    if (guard.isCardData(scanned)) {
      setCode('');
      setError(null);
      setCardRefused(true);
      return;
    }
    setCardRefused(false);
    runningRef.current = true;
    setRunning(true);
    setPhase('paying');
    setDeadline(null);
    setError(null);
    const r = await pay(scanned);
    runningRef.current = false;
    setRunning(false);
    if (r.ok) return onOutcome(r.value);
    // A refused code (or a busy terminal): scan again, nothing was charged.
    setError(r.error);
    setCode('');
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;

  useEffect(
    () =>
      pos().events.on('qr:progress', (p) => {
        setPhase(p.phase);
        setDeadline(p.secondsLeft === null ? null : Date.now() + p.secondsLeft * 1000);
      }),
    [],
  );
  // A serial or simulated scanner delivers the code as an event.
  useEffect(() => pos().events.on('scanner:scanned', (s) => void submitRef.current(s.code)), []);
  // A wedge scanner types fast and ends with Enter: caught wherever the focus is.
  useScanDetector(
    (scanned) => {
      setCode(guard.isCardData(scanned) ? '' : scanned);
      void submitRef.current(scanned);
    },
    // A swipe's two tracks run to ~120 characters: still one burst, its Enter eaten.
    { enabled: !running, maxLength: 160 },
  );
  useEffect(() => {
    if (scanned) void submitRef.current(scanned);
    else input.current?.focus();
  }, [scanned]);
  // The field is unmounted while a payment runs; when it comes back (after a
  // refused code) the cursor goes back into it, so the next scan or digits land.
  useEffect(() => {
    if (!running) input.current?.focus();
  }, [running]);
  useEffect(() => {
    if (deadline === null) return;
    const id = setInterval(() => setTick((n) => n + 1), 500);
    return () => clearInterval(id);
  }, [deadline]);
  const secondsLeft =
    deadline === null ? null : Math.max(0, Math.ceil((deadline - Date.now()) / 1000));

  const cancel = () => void pos().qr.cancel({});
  useKeys({ Escape: running ? cancel : onBack });

  return (
    <section
      className="panel qr-tender"
      data-testid="qr-tender"
      data-phase={running ? phase : 'scan'}
    >
      <dl className="big">
        <dt>{t('sale.due')}</dt>
        <dd>{formatFen(amountFen)}</dd>
      </dl>
      {!running && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(code);
          }}
        >
          <label>
            {t('qr.codeLabel')}
            <input
              ref={input}
              data-testid="qr-code-input"
              data-card-guard="payment-codes"
              inputMode="numeric"
              autoComplete="off"
              value={code}
              maxLength={64}
              onChange={(e) => setCode(guard.filter(e.target.value))}
              onKeyDown={(e) => void guard.onKey(e)}
            />
          </label>
          <p className="hint">{t('qr.scanPrompt')}</p>
          <div className="row">
            <button type="button" onClick={onBack}>
              {t('sale.back')}
            </button>
            <button type="submit" className="primary" data-testid="qr-submit">
              {t('qr.pay')}
            </button>
          </div>
        </form>
      )}
      {running && (
        <>
          <p className="card-phase" data-testid="qr-phase">
            {t(`qr.phase.${phase}`)}
          </p>
          {phase === 'waiting-for-customer' && secondsLeft !== null && (
            <p className="countdown" data-testid="qr-countdown" data-seconds={secondsLeft}>
              {t('qr.secondsLeft', { seconds: secondsLeft })}
            </p>
          )}
          {phase !== 'cancelling' && (
            <button type="button" data-testid="qr-cancel" onClick={cancel}>
              {t('qr.cancel')}
            </button>
          )}
        </>
      )}
      {cardRefused && (
        <p className="notice" role="alert" data-testid="qr-card-refused">
          {t('basket.cardDataRefused')}
        </p>
      )}
      <ErrorMessage error={error} testId="qr-error" />
      {!running && <ScannerPanel />}
    </section>
  );
}
