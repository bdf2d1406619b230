import { parseField60, type Field60, type IsoMessage } from '../iso8583';
import { text } from '../messages';

/** Response codes of this host (UnionPay meanings). */
export const RC = {
  approved: '00',
  invalidTransaction: '12',
  invalidAmount: '13',
  invalidCard: '14',
  notFound: '25',
  formatError: '30',
  insufficientFunds: '51',
  expired: '54',
  wrongPin: '55',
  overLimit: '61',
  batchMismatch: '77',
  unbalanced: '95',
  systemError: '96',
  unknownTerminal: '97',
  macError: 'A0',
} as const;

export function field60(req: IsoMessage): Field60 | null {
  const raw = text(req, 60);
  if (raw === null) return null;
  try {
    return parseField60(raw);
  } catch {
    return null;
  }
}

/** Fixed an/ans fields arrive space-padded; the host compares them trimmed. */
export function terminalOf(req: IsoMessage): string | null {
  return text(req, 41);
}

/** Field 4 in fen, or null when absent. */
export function amountOf(req: IsoMessage): number | null {
  const raw = text(req, 4);
  return raw === null || !/^[0-9]{12}$/.test(raw) ? null : Number(raw);
}
