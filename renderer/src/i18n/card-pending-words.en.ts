// English words of ./card-pending-words in a file of their own, so the bundle loads only
// the active language's words.
import type { CardPendingWords } from './card-pending-words';

export const cardPendingEn: CardPendingWords = {
  cardPending: {
    running: 'A card payment is in progress, please wait…',
    kind: { sale: 'sale', preauth: 'pre-authorisation', balance: 'balance inquiry' },
    amount: 'Amount ({{kind}}): {{amount}}',
    ended: {
      approved: 'That {{kind}} went through: {{amount}}.',
      declined: 'That {{kind}} was declined (response code {{code}}); the card was not charged.',
      reversal: 'That {{kind}} did not go through and was reversed; the card will not be charged.',
      failed: 'That {{kind}} did not finish: {{reason}}',
    },
    dismiss: 'OK',
  },
};
