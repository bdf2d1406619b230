import { useTranslation } from 'react-i18next';
import { keypadAppendDigit, keypadBackspace } from '../../../preload/contract';

export type KeypadKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'back' | 'clear' | 'enter';

const LAYOUT: KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '00', '0', 'back'];

/** Touch keypad mirroring the physical numeric keypad. */
export function Keypad({ onKey, enterLabel }: { onKey(key: KeypadKey): void; enterLabel: string }) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group">
      {LAYOUT.map((k) => (
        <button
          key={k}
          type="button"
          tabIndex={-1}
          data-testid={`keypad-${k}`}
          onMouseDown={(e) => e.preventDefault() /* keep focus in the amount field */}
          onClick={() => onKey(k)}
        >
          {k === 'back' ? '←' : k}
        </button>
      ))}
      <button
        type="button"
        tabIndex={-1}
        className="keypad-clear"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onKey('clear')}
      >
        {/* It empties the amount: 取消 read as "leave" to a new cashier. */}
        {t('common.clear')}
      </button>
      <button
        type="button"
        tabIndex={-1}
        className="keypad-enter"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onKey('enter')}
      >
        {enterLabel}
      </button>
    </div>
  );
}

/** Applies a keypad key to an amount in fen (the same rules as the keyboard). */
export function applyKeypadKey(fen: number, key: KeypadKey): number {
  if (key === 'back') return keypadBackspace(fen);
  if (key === 'clear') return 0;
  if (key === '00') return keypadAppendDigit(keypadAppendDigit(fen, 0), 0);
  if (key === 'enter') return fen;
  return keypadAppendDigit(fen, Number(key));
}
