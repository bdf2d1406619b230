import { forwardRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, keypadAppendDigit, keypadBackspace } from '../../../preload/contract';
import { useAmountScanGuard } from '../lib/useAmountScanGuard';

interface Props {
  valueFen: number;
  onChange(fen: number): void;
  onEnter?(): void;
  onEscape?(): void;
  label: string;
  readOnly?: boolean;
  testId?: string;
  autoFocus?: boolean;
}

/**
 * Bank-POS amount entry: digits shift in from the right (1,2,3,4 → ¥12.34),
 * Backspace drops the last digit, Delete clears, Enter confirms, Esc goes back.
 * Integer fen throughout; the text shown is only a rendering of it.
 */
export const AmountInput = forwardRef<HTMLInputElement, Props>(function AmountInput(props, ref) {
  const { valueFen, onChange, onEnter, onEscape, label, readOnly, testId, autoFocus } = props;
  const { t } = useTranslation();
  const scanGuard = useAmountScanGuard(valueFen, onChange);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!readOnly && scanGuard.onKey(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter?.();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onEscape?.();
    } else if (readOnly || e.key === 'Tab' || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    } else if (/^[0-9]$/.test(e.key)) {
      e.preventDefault();
      onChange(keypadAppendDigit(valueFen, Number(e.key)));
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      onChange(keypadBackspace(valueFen));
    } else if (e.key === 'Delete') {
      e.preventDefault();
      onChange(0);
    } else if (e.key.length === 1) {
      e.preventDefault();
    }
  };
  const input = (
    <input
      ref={ref}
      className="amount-input"
      aria-label={label}
      data-testid={testId}
      data-card-guard="amount"
      inputMode="numeric"
      value={formatFen(valueFen)}
      readOnly={readOnly}
      autoFocus={autoFocus}
      onChange={() => undefined}
      onKeyDown={onKeyDown}
      onBlur={scanGuard.reset}
    />
  );
  if (scanGuard.cardRefused)
    return (
      <>
        {input}
        <span className="field-error" role="alert" data-testid={testId && `${testId}-card-refused`}>
          {t('basket.cardDataRefused')}
        </span>
      </>
    );
  if (scanGuard.refusedCode === null) return input;
  return (
    <>
      {input}
      <span className="field-error" role="alert" data-testid={testId && `${testId}-scan-refused`}>
        {t('amountEntry.scanRefused', { code: scanGuard.refusedCode })}
      </span>
    </>
  );
});
