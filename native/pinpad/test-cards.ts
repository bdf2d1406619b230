import type { EntryMode } from './types';

/**
 * The training deck: cards the simulated PIN pad offers and the training host
 * answers by number (HOST-PROTOCOL.md "Training host test cards"). Every card's
 * PIN is 123456 and any other PIN is declined 55; the limit card declines 61
 * above ¥5,000.00 (other cards have no limit, so large sales can be tried).
 */
export type TestCardBehaviour =
  'approve' | '51' | '54' | '55' | '61' | 'no-reply' | 'bad-mac' | 'foreign';

export interface TestCard {
  id: string;
  nameZh: string;
  nameEn: string;
  pan: string;
  expiry: string;
  entryMode: EntryMode;
  behaviour: TestCardBehaviour;
  foreign: boolean;
}

export const TRAINING_PIN = '123456';
export const TRAINING_AMOUNT_LIMIT_FEN = 500_000;

export const TEST_CARDS: readonly TestCard[] = [
  {
    id: 'approve',
    nameZh: '借记卡（批准）',
    nameEn: 'Debit card (approved)',
    pan: '6222021234567890003',
    expiry: '3012',
    entryMode: '051',
    behaviour: 'approve',
    foreign: false,
  },
  {
    id: 'swipe',
    nameZh: '磁条卡（批准）',
    nameEn: 'Magstripe card (approved)',
    pan: '6258071234567890014',
    expiry: '3012',
    entryMode: '021',
    behaviour: 'approve',
    foreign: false,
  },
  {
    id: 'insufficient',
    nameZh: '余额不足 51',
    nameEn: 'Insufficient funds 51',
    pan: '6222021234567800515',
    expiry: '3012',
    entryMode: '051',
    behaviour: '51',
    foreign: false,
  },
  {
    id: 'expired',
    nameZh: '过期卡 54',
    nameEn: 'Expired card 54',
    pan: '6222021234567800549',
    expiry: '2001',
    entryMode: '051',
    behaviour: '54',
    foreign: false,
  },
  {
    id: 'wrong-pin',
    nameZh: '密码校验 55（密码非 123456）',
    nameEn: 'PIN check 55 (PIN other than 123456)',
    pan: '6222021234567800556',
    expiry: '3012',
    entryMode: '051',
    behaviour: '55',
    foreign: false,
  },
  {
    id: 'limit',
    nameZh: '限额卡 61（超过 ¥5,000.00）',
    nameEn: 'Limit card 61 (over ¥5,000.00)',
    pan: '6222021234567800614',
    expiry: '3012',
    entryMode: '071',
    behaviour: '61',
    foreign: false,
  },
  {
    id: 'no-reply',
    nameZh: '主机无应答（冲正）',
    nameEn: 'No host reply (reversal)',
    pan: '6222021234567800986',
    expiry: '3012',
    entryMode: '051',
    behaviour: 'no-reply',
    foreign: false,
  },
  {
    id: 'bad-mac',
    nameZh: '应答 MAC 错（冲正 A0）',
    nameEn: 'Reply with bad MAC (reversal A0)',
    pan: '6222021234567800648',
    expiry: '3012',
    entryMode: '051',
    behaviour: 'bad-mac',
    foreign: false,
  },
  {
    id: 'foreign',
    nameZh: '外卡 VISA（批准）',
    nameEn: 'Foreign VISA card (approved)',
    pan: '4111111111111111',
    expiry: '3012',
    entryMode: '051',
    behaviour: 'foreign',
    foreign: true,
  },
];

export function testCardByPan(pan: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.pan === pan);
}

/** Track 2 equivalent for a swiped test card: PAN=YYMM + service code + discretionary data. */
export function testTrack2(card: TestCard): string {
  return `${card.pan}=${card.expiry}2010000000000`;
}
