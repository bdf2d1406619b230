import { forwardRef, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  hasCardData,
  hasValidGs1Check,
  type ProductView,
} from '../../../../preload/contract';
import { pos } from '../../lib/pos';
import { useCardSwipeGuard } from '../../lib/useCardSwipeGuard';

const RESULTS = 8;
/** How long the keys must rest before the catalogue is searched (a person types slower). */
const SEARCH_PAUSE_MS = 90;

/** 13+ digits (grouped or not) without a right GS1 check digit: no product code, maybe a card's. */
function longNonBarcode(query: string): boolean {
  const digits = query.replace(/[ -]/g, '');
  return /^\d{13,}$/.test(digits) && !hasValidGs1Check(digits);
}

/** What the cashier asked for with the keys of the entry field. */
export type EntryCommand =
  | { kind: 'code'; code: string }
  | { kind: 'product'; product: ProductView }
  | { kind: 'amount'; amountFen: number }
  | { kind: 'multiply'; quantity: number }
  | { kind: 'pay' }
  | { kind: 'escape' }
  /** ↑↓ with no search results: move through the basket's lines. */
  | { kind: 'move'; by: 1 | -1 }
  /** Delete on an empty field: the selected line goes. */
  | { kind: 'remove' }
  /** A card swiped or its number typed: nothing shown, nothing sent; the basket says why. */
  | { kind: 'card-data' };

/**
 * The one field of the basket (扫码 / 编码 / 拼音 / 金额). Typing searches the
 * catalogue as you go (name, pinyin initials, code, barcode; ↑↓ pick a result).
 * Enter: the highlighted result (for words, the first), else the typed code looked up (barcode, PLU,
 * scale label), else — on an empty field — pay. `+` turns typed digits into an
 * amount (数额, fen keypad style: 1234 = ¥12.34), `*` into the quantity of the
 * next scan. A wedge scanner's burst is taken by the basket's scan detector.
 * Card data (a magstripe reader's swipe, a typed card number) is never shown
 * nor searched for nor sent (useCardSwipeGuard).
 */
export const EntryField = forwardRef<
  HTMLInputElement,
  {
    disabled: boolean;
    multiplier: number | null;
    /** Changes when the basket took the field's text itself (a scanner burst typed into it). */
    clearToken: number;
    onCommand(c: EntryCommand): void;
  }
>(function EntryField({ disabled, multiplier, clearToken, onCommand }, ref) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [results, setResults] = useState<ProductView[]>([]);
  const [at, setAt] = useState(-1);
  const asked = useRef(0);
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;
  // The basket takes payment codes: a bare run of digits is judged on Enter.
  const guard = useCardSwipeGuard({
    paymentCodes: true,
    onCardData: () => onCommandRef.current({ kind: 'card-data' }),
  });

  // Results as you type, once the keys pause (a scanner's burst asks nothing);
  // the latest answer wins (an older, slower one is dropped).
  useEffect(() => {
    const query = text.trim();
    const n = ++asked.current;
    // A card number is never sent, not even as a search: nor is a long run of
    // digits that is no product barcode (a card number still being typed).
    if (query.length === 0 || hasCardData(query) || longNonBarcode(query)) {
      setResults([]);
      setAt(-1);
      return;
    }
    const timer = setTimeout(() => {
      void pos()
        .catalogue.search({ query, limit: RESULTS })
        .then((r) => {
          if (n !== asked.current) return;
          setResults(r.ok ? r.value.products : []);
          setAt(-1);
        });
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const clear = () => {
    setText('');
    setResults([]);
    setAt(-1);
  };
  useEffect(() => {
    setText('');
    setResults([]);
    setAt(-1);
  }, [clearToken]);
  const digits = /^\d+$/.test(text.trim()) ? text.trim() : null;
  // Letters or Chinese are never a code (PLUs and barcodes are digits): Enter
  // adds the first result, marked as such, rather than 未知商品 for 「nfsq」.
  const words = text.trim() !== '' && digits === null;
  const shown = at >= 0 ? at : words && results.length > 0 ? 0 : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (guard.onKey(e)) return clear();
    const key = e.key;
    if (key === 'Enter' && guard.isCardData(text)) {
      clear();
      onCommand({ kind: 'card-data' });
      e.preventDefault();
      return;
    }
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      const by = key === 'ArrowDown' ? 1 : -1;
      if (results.length === 0) onCommand({ kind: 'move', by });
      else setAt((i) => Math.min(results.length - 1, Math.max(-1, i + by)));
    } else if (key === 'Delete' && !text) {
      onCommand({ kind: 'remove' });
    } else if (key === 'Enter') {
      const picked = shown >= 0 ? results[shown] : undefined;
      const query = text.trim();
      if (picked) onCommand({ kind: 'product', product: picked });
      else if (words) {
        // Enter before the results came (typed fast): ask now, add the first.
        ++asked.current;
        void pos()
          .catalogue.search({ query, limit: 1 })
          .then((r) => {
            const first = r.ok ? r.value.products[0] : undefined;
            onCommand(first ? { kind: 'product', product: first } : { kind: 'code', code: query });
          });
      } else if (query) onCommand({ kind: 'code', code: query });
      else onCommand({ kind: 'pay' });
      clear();
    } else if (key === '+' && digits && digits.length <= 8) {
      onCommand({ kind: 'amount', amountFen: Number(digits) });
      clear();
    } else if ((key === '*' || key === 'x' || key === 'X') && digits && digits.length <= 4) {
      onCommand({ kind: 'multiply', quantity: Number(digits) });
      clear();
    } else if (key === 'Escape') {
      if (text) clear();
      else onCommand({ kind: 'escape' });
    } else {
      return;
    }
    e.preventDefault();
  };

  return (
    <div className="entry">
      <label className="entry-label">
        <span>
          {t('basket.entryLabel')}
          {multiplier !== null && (
            <b className="multiplier" data-testid="entry-multiplier">
              {' '}
              × {multiplier}
            </b>
          )}
        </span>
        <input
          ref={ref}
          data-testid="entry"
          data-card-guard="payment-codes"
          className="entry-input"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          disabled={disabled}
          value={text}
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls="entry-results"
          onChange={(e) => setText(guard.filter(e.target.value))}
          onKeyDown={onKeyDown}
        />
      </label>
      {results.length > 0 && (
        <ul id="entry-results" className="entry-results" role="listbox" data-testid="entry-results">
          {results.map((p, i) => (
            <li
              key={p.id}
              role="option"
              aria-selected={i === shown}
              className={i === shown ? 'selected' : ''}
              data-testid={`result-${p.code}`}
              onMouseDown={(e) => {
                e.preventDefault();
                onCommand({ kind: 'product', product: p });
                clear();
              }}
            >
              <span className="result-name">
                {p.name}
                {p.spec && !p.name.includes(p.spec) ? ` ${p.spec}` : ''}
              </span>
              <span className="result-code">{p.barcodes[0] ?? p.code}</span>
              <span className="money">
                {formatFen(p.priceFen)}
                {p.weighable ? '/kg' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
