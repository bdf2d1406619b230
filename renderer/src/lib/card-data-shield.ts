import { hasCardData, startsTrackData } from '../../../preload/contract';

/** After the last character of a swipe, how long the field keeps dropping what comes (ms). */
const SWIPE_REST_MS = 250;
/** A typed run of digits is judged when the keys rest this long (or at Enter / leaving the field). */
const TYPING_REST_MS = 400;

type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_TYPES = new Set(['text', 'search', '']);

/**
 * A text field the shield watches: every text input and text area of the
 * page, but for those with their own guard (`data-card-guard`: the basket's
 * entry and the QR tender, which take payment codes — useCardSwipeGuard;
 * the amount fields, which take no typed text — useAmountScanGuard).
 */
function watched(target: EventTarget | null): TextField | null {
  if (target instanceof HTMLTextAreaElement)
    return target.closest('[data-card-guard]') ? null : target;
  if (!(target instanceof HTMLInputElement)) return null;
  if (!TEXT_TYPES.has(target.getAttribute('type') ?? '') || target.readOnly) return null;
  return target.closest('[data-card-guard]') ? null : target;
}

/**
 * Card data never shows in a text field (PRODUCT.md: a card number is never
 * shown beyond first 6 / last 4, track data never). The main side refuses it
 * in every text it takes (rules.cardData), but by then the digits have been
 * on the screen. This shield, installed once for the page, watches every text
 * field (see `watched`):
 * - a swipe's start (`%B6`, `;62`) empties the field at once and everything
 *   typed after it is dropped until the reader rests; the Enter that ends the
 *   swipe is eaten, so it does not submit the form;
 * - a card number typed by hand (13–19 digits, a scheme's prefix, Luhn — or
 *   grouped by spaces) is judged when the keys rest, at Enter and on leaving
 *   the field, not while it is typed: a long product code may look like one
 *   for a moment on its way.
 * `onRefused` is told each time, for the page to say why the field emptied.
 * Returns the uninstall.
 */
export function installCardDataShield(doc: Document, onRefused: () => void): () => void {
  const swiping = new WeakMap<TextField, ReturnType<typeof setTimeout>>();
  let typing: { field: TextField; timer: ReturnType<typeof setTimeout> } | null = null;
  let emptying = false;

  /** Empties the field as typing would, so a React-controlled field's state follows. */
  const empty = (field: TextField) => {
    const proto = field instanceof HTMLInputElement ? HTMLInputElement : HTMLTextAreaElement;
    emptying = true;
    try {
      Object.getOwnPropertyDescriptor(proto.prototype, 'value')?.set?.call(field, '');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    } finally {
      emptying = false;
    }
  };

  const refuse = (field: TextField) => {
    clearTimeout(swiping.get(field));
    swiping.set(
      field,
      setTimeout(() => swiping.delete(field), SWIPE_REST_MS),
    );
    empty(field);
    onRefused();
  };
  /** Judges what the field holds now; true when it was card data (and is gone). */
  const judge = (field: TextField): boolean => {
    if (typing?.field === field) {
      clearTimeout(typing.timer);
      typing = null;
    }
    if (!field.isConnected || !hasCardData(field.value)) return false;
    empty(field);
    onRefused();
    return true;
  };

  const onInput = (e: Event) => {
    const field = watched(e.target);
    if (!field || emptying) return;
    if (swiping.has(field)) {
      // Still the swipe: the character goes, the rest is extended.
      refuse(field);
      return;
    }
    if (startsTrackData(field.value)) {
      refuse(field);
      return;
    }
    if (typing) clearTimeout(typing.timer);
    typing = { field, timer: setTimeout(() => judge(field), TYPING_REST_MS) };
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const field = watched(e.target);
    if (!field || e.key !== 'Enter') return;
    if (swiping.has(field)) {
      // The Enter that ends a swipe: eaten, and the swipe is over.
      clearTimeout(swiping.get(field));
      swiping.delete(field);
    } else if (!judge(field)) return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onBlur = (e: FocusEvent) => {
    const field = watched(e.target);
    if (field) judge(field);
  };

  // Capture phase on the document: before React's own handlers at its root.
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('blur', onBlur, true);
  return () => {
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('keydown', onKeyDown, true);
    doc.removeEventListener('blur', onBlur, true);
    if (typing) clearTimeout(typing.timer);
  };
}
