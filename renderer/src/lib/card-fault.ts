import type { TFunction } from 'i18next';
import type { CardFault, TransactionView } from '../../../preload/contract';

/** What a reversed card outcome (sale, pre-auth and its follow-ups, void) tells the screen. */
export interface Reversed {
  reason: '98' | 'A0';
  delivered: boolean;
  /** Absent in an outcome recorded before faults were named (a replayed request id). */
  fault?: CardFault;
  transaction: Pick<TransactionView, 'type'>;
}

/** The fields a reply is matched on (PRODUCT.md §4, reply checks) have a name; others say "field n". */
const NAMED_FIELDS = new Set([3, 4, 11, 41, 42]);

/** What the line did, in the cashier's words: the first half of the sentence. */
export function faultCause(t: TFunction, fault: CardFault | undefined): string {
  switch (fault?.kind) {
    case 'timeout':
      return t(fault.bytes > 0 ? 'cardFault.cause.timeoutPartial' : 'cardFault.cause.timeout', {
        seconds: fault.seconds,
        bytes: fault.bytes,
      });
    case 'cut':
      return fault.bytes > 0
        ? t('cardFault.cause.cut', { bytes: fault.bytes })
        : t('cardFault.cause.cutNone');
    case 'undecodable':
      return t('cardFault.cause.undecodable');
    case 'mismatch':
      if (fault.field === null) return t('cardFault.cause.mismatchType');
      return t('cardFault.cause.mismatch', {
        field: fault.field,
        name: t(`cardFault.field.${NAMED_FIELDS.has(fault.field) ? fault.field : 'other'}`),
      });
    case 'bad-mac':
      return t('cardFault.cause.badMac');
    default:
      return t('cardFault.cause.unknown');
  }
}

/** What was reversed decides what became of the money; a refund is never reversed. */
const THEN_KIND: Record<TransactionView['type'], string> = {
  sale: 'sale',
  refund: 'sale',
  preauth: 'preauth',
  preauth_complete: 'preauth_complete',
  preauth_cancel: 'preauth_cancel',
  void: 'void',
};

/**
 * One sentence: why the host's answer was not taken, and what that means for
 * the money — e.g. 「主机 30 秒没有应答，交易已冲正，没有扣款。」
 */
export function reversalSentence(t: TFunction, o: Reversed): string {
  const then = t(
    `cardFault.then.${THEN_KIND[o.transaction.type]}.${o.delivered ? 'delivered' : 'pending'}`,
  );
  return t('cardFault.sentence', { cause: faultCause(t, o.fault), then });
}

/** The reversal reason code (98 / A0), kept on screen for support. */
export function reversalCode(t: TFunction, reason: '98' | 'A0'): string {
  return t(reason === 'A0' ? 'card.reversalA0' : 'card.reversal98');
}

/**
 * A result line (pre-auth, void): an optional lead (「撤销失败。」), the
 * sentence, then the reason code, run together as the language writes them.
 */
export function reversalLine(t: TFunction, o: Reversed, lead?: string): string {
  const join = (first: string, second: string) => t('cardFault.join', { first, second });
  const line = join(reversalSentence(t, o), reversalCode(t, o.reason));
  return lead ? join(lead, line) : line;
}
