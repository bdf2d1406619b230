// English words of ./card-pending-words in a file of their own, so the bundle loads only
// the active language's words.
import type { CardPendingWords } from './card-pending-words';

export const cardPendingEn: CardPendingWords = {
  cardPending: {
    running: 'A card payment is in progress, please wait…',
    kind: {
      sale: 'sale',
      preauth: 'pre-authorisation',
      balance: 'balance inquiry',
      refund: 'refund',
      void: 'void',
      preauth_cancel: 'pre-authorisation cancel',
      preauth_complete: 'pre-authorisation completion',
    },
    runningOf: {
      refund: 'Refund in progress, please wait…',
      void: 'Void in progress, please wait…',
      preauth_cancel: 'Pre-authorisation cancel in progress, please wait…',
      preauth_complete: 'Pre-authorisation completion in progress, please wait…',
    },
    amount: 'Amount ({{kind}}): {{amount}}',
    ended: {
      approved: 'That {{kind}} went through: {{amount}}.',
      declined: 'That {{kind}} was declined (response code {{code}}); the card was not charged.',
      reversal: 'That {{kind}} did not go through and was reversed; the card will not be charged.',
      failed: 'That {{kind}} did not finish: {{reason}}',
      uncertain:
        'That {{kind}} ({{amount}}) got no valid answer from the host, so its result is unknown: check with the acquirer first, and do not do it again.',
    },
    endedOf: {
      refund: {
        declined:
          'That refund was declined (response code {{code}}); no money went back to the card.',
        uncertain:
          'That refund ({{amount}}) got no valid answer from the host, so whether the money went back is unknown: check with the acquirer, have the supervisor confirm it, and do not refund again.',
      },
      void: {
        declined: 'That void was declined (response code {{code}}); the original sale stands.',
        reversal: 'That void did not go through and was reversed; the original sale stands.',
      },
      preauth_cancel: {
        declined:
          'That pre-authorisation cancel was declined (response code {{code}}); the hold stays on the card.',
        reversal:
          'That pre-authorisation cancel did not go through and was reversed; the hold stays on the card.',
      },
    },
    dismiss: 'OK',
  },
};
