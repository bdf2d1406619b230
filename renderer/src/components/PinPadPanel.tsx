import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type PinPadKey, type PinPadPanel as Panel } from '../../../preload/contract';
import { pos } from '../lib/pos';

/** The screens' card waits: the sale's card tender, the in-place waits, the balance inquiry. */
const CARD_WAIT =
  '[data-testid="card-tender"], [data-testid="card-wait"], [data-testid="balance-waiting"]';

const KEYS: PinPadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'enter'];

/**
 * The simulated PIN pad (training mode): stands for the device on the counter.
 * First it offers the test cards (swipe / insert / tap), then a PIN keypad that
 * sends one key at a time to the simulated device — the page never holds the
 * PIN; the device reports only how many digits it has.
 */
export function PinPadPanel() {
  const { t, i18n } = useTranslation();
  const [panel, setPanel] = useState<Panel | null>(null);

  useEffect(() => {
    void pos()
      .pinpad.panel({})
      .then((r) => r.ok && setPanel(r.value));
    return pos().events.on('pinpad:changed', setPanel);
  }, []);

  // The counter's keyboard stands for the device's keys (PRODUCT.md §11: a card
  // sale by the numeric keypad and Enter/Esc alone): 1–9 present that test
  // card, then digits, Backspace (清除) and Enter (确认) go to the PIN pad. Esc
  // stays the screen's (取消). Captured, so the screen's own Enter never sees them.
  const phase = panel?.simulated ? panel.phase : 'idle';
  const cards = panel?.cards;
  useEffect(() => {
    if (phase !== 'card' && phase !== 'pin') return;
    const onKey = (e: KeyboardEvent) => {
      // Only while the screen waits for the card: then typing anywhere else means
      // nothing (pre-auth and refund keep the focus in their amount). A pad left
      // asking by a page reloaded mid-wait must not take the basket's or menu's keys.
      if (e.altKey || e.ctrlKey || e.metaKey || !document.querySelector(CARD_WAIT)) return;
      let act: (() => void) | null = null;
      if (phase === 'card') {
        const card = /^[1-9]$/.test(e.key) ? cards?.[Number(e.key) - 1] : undefined;
        if (card) act = () => void pos().pinpad.presentCard({ cardId: card.id });
      } else if (/^[0-9]$/.test(e.key))
        act = () => void pos().pinpad.key({ key: e.key as PinPadKey });
      else if (e.key === 'Backspace') act = () => void pos().pinpad.key({ key: 'clear' });
      else if (e.key === 'Enter') act = () => void pos().pinpad.key({ key: 'enter' });
      if (!act) return;
      e.preventDefault();
      e.stopPropagation();
      act();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [phase, cards]);

  if (!panel?.simulated || panel.phase === 'idle') return null;
  const press = (key: PinPadKey) => void pos().pinpad.key({ key });

  return (
    <aside
      className="pinpad"
      data-testid="pinpad-panel"
      data-phase={panel.phase}
      aria-label={t('pinpad.title')}
    >
      <header>
        <strong>{t('pinpad.title')}</strong>{' '}
        <span className="training-badge">{t('app.training')}</span>
      </header>
      <p className="pinpad-amount">
        {panel.amountFen !== null && panel.amountFen > 0
          ? formatFen(panel.amountFen)
          : t('pinpad.inquiry')}
      </p>
      {panel.phase === 'card' && (
        <>
          <p>{t('pinpad.presentCard')}</p>
          <p className="hint" data-testid="pinpad-card-keys">
            {t('pinpad.cardKeys')}
          </p>
          <ul className="pinpad-cards">
            {panel.cards.map((c, i) => (
              <li key={c.id}>
                <button
                  type="button"
                  data-testid={`pinpad-card-${c.id}`}
                  onClick={() => void pos().pinpad.presentCard({ cardId: c.id })}
                >
                  <span>
                    {i < 9 && <kbd>{i + 1}</kbd>}
                    {i18n.language === 'en' ? c.nameEn : c.nameZh}
                  </span>
                  <small>{c.panMasked}</small>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" data-testid="pinpad-key-cancel" onClick={() => press('cancel')}>
            {t('pinpad.cancel')}
          </button>
        </>
      )}
      {panel.phase === 'pin' && (
        <>
          <p>
            {t('pinpad.enterPin')} <small>{panel.panMasked}</small>
          </p>
          <p className="pinpad-stars" data-testid="pinpad-digits" data-digits={panel.digits}>
            {'*'.repeat(panel.digits) || '\u00a0'}
          </p>
          <div className="keypad">
            {KEYS.map((k) => (
              <button
                key={k}
                type="button"
                data-testid={`pinpad-key-${k}`}
                onClick={() => press(k)}
              >
                {k === 'clear' ? t('pinpad.clear') : k === 'enter' ? t('pinpad.enter') : k}
              </button>
            ))}
          </div>
          <button type="button" data-testid="pinpad-key-cancel" onClick={() => press('cancel')}>
            {t('pinpad.cancel')}
          </button>
          <p className="hint">{t('pinpad.pinHint')}</p>
          <p className="hint">{t('pinpad.pinKeys')}</p>
        </>
      )}
    </aside>
  );
}
