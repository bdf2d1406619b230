import { CryptoError, pinFromBlock } from '../crypto';
import type { IsoMessage } from '../iso8583';
import { text } from '../messages';
import {
  TRAINING_AMOUNT_LIMIT_FEN,
  TRAINING_PIN,
  testCardByPan,
  type TestCard,
} from '../../../native/pinpad/test-cards';

/**
 * What the training "issuer" knows about a card: the deck of test cards
 * (native/pinpad/test-cards.ts) and, for any other number, Luhn. The full
 * PAN lives only for the duration of one request; what is kept is masked.
 */
export interface CardInfo {
  pan: string;
  panMasked: string;
  /** YYMM from field 14, else from track 2; null when neither has it. */
  expiry: string | null;
  deck: TestCard | undefined;
  foreign: boolean;
}

export function maskPan(pan: string): string {
  if (pan.length <= 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

export function luhnValid(pan: string): boolean {
  if (!/^[0-9]{13,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card of a request: field 2, else the PAN part of track 2. */
export function readCard(req: IsoMessage): CardInfo | null {
  const track2 = text(req, 35);
  const pan = text(req, 2) ?? track2?.split('=')[0] ?? null;
  // 13–19 digits is what a PAN can be; anything else is an invalid card (14).
  if (!pan || !/^[0-9]{13,19}$/.test(pan)) return null;
  const fromTrack = track2?.split('=')[1]?.slice(0, 4);
  const expiry = text(req, 14) ?? (fromTrack && /^[0-9]{4}$/.test(fromTrack) ? fromTrack : null);
  const deck = testCardByPan(pan);
  return {
    pan,
    panMasked: maskPan(pan),
    expiry,
    deck,
    // International brands (Amex/JCB 3, Visa 4, Mastercard 5) settle as foreign cards.
    foreign: deck ? deck.foreign : /^[345]/.test(pan),
  };
}

export function issuerName(card: CardInfo): string {
  if (!card.foreign) return 'UNIONPAY';
  if (card.pan.startsWith('4')) return 'VISA';
  if (card.pan.startsWith('5')) return 'MASTERCARD';
  if (/^3[47]/.test(card.pan)) return 'AMEX';
  if (card.pan.startsWith('35')) return 'JCB';
  return 'FOREIGN';
}

/** A card is valid through the end of its expiry month. */
export function isExpired(expiry: string | null, now: Date): boolean {
  if (!expiry || !/^[0-9]{4}$/.test(expiry)) return false;
  const month = Number(expiry.slice(2));
  if (month < 1 || month > 12) return true;
  const cardYm = (2000 + Number(expiry.slice(0, 2))) * 100 + month;
  const nowYm = now.getFullYear() * 100 + now.getMonth() + 1;
  return cardYm < nowYm;
}

/**
 * True when field 52 decrypts under the PIK to the training PIN. A block that
 * doesn't decode (wrong PIK, garbage) is a wrong PIN, as a real host sees it.
 * The PIN is compared and dropped; it never leaves this function.
 */
export function pinCorrect(req: IsoMessage, pan: string, pik: Buffer): boolean {
  const block = req.fields.get(52);
  if (!Buffer.isBuffer(block)) return false;
  try {
    return pinFromBlock(block, pan, pik) === TRAINING_PIN;
  } catch (err) {
    // PinBlockError (wrong PIK, garbage block) is a CryptoError too.
    if (err instanceof CryptoError) return false;
    throw err;
  }
}

/**
 * The issuer's answer to a sale or pre-auth that passed the PIN and expiry
 * checks: a response code, or 'no-reply' (approved, answer never sent) or
 * 'bad-mac' (approved, answer with a corrupted MAC).
 */
export type IssuerAnswer =
  { code: '00'; reply: 'normal' | 'none' | 'bad-mac' } | { code: string; reply: 'normal' };

export function issuerDecides(card: CardInfo, amountFen: number): IssuerAnswer {
  const approve: IssuerAnswer = { code: '00', reply: 'normal' };
  if (!card.deck) return luhnValid(card.pan) ? approve : { code: '14', reply: 'normal' };
  switch (card.deck.behaviour) {
    case '51':
    case '54':
      return { code: card.deck.behaviour, reply: 'normal' };
    case '61':
      return amountFen > TRAINING_AMOUNT_LIMIT_FEN ? { code: '61', reply: 'normal' } : approve;
    case 'no-reply':
      return { code: '00', reply: 'none' };
    case 'bad-mac':
      return { code: '00', reply: 'bad-mac' };
    case 'approve':
    case 'foreign':
    case '55':
      return approve;
  }
}

/** Balance shown for a card: the 51 card is empty, the rest have ¥1,234.56. */
export function balanceFen(card: CardInfo): number {
  return card.deck?.behaviour === '51' ? 0 : 123_456;
}
