// English words of ./card-fault-words in a file of their own, so the bundle loads only the
// active language's words.
import type { CardFaultWords } from './card-fault-words';

export const cardFaultEn: CardFaultWords = {
  cardFault: {
    sentence: '{{cause}}; {{then}}.',
    join: '{{first}} {{second}}',
    cause: {
      timeout: 'The host did not answer within {{seconds}} s',
      timeoutPartial:
        "The host's answer was still incomplete after {{seconds}} s ({{bytes}} bytes received)",
      cutNone: 'The host closed the connection without answering',
      cut: "The host's answer broke off after {{bytes}} bytes",
      undecodable: "The host's answer could not be read",
      mismatch: "The host's answer carried a different {{name}} from the request (field {{field}})",
      mismatchType: 'The host answered with a different message type from the request',
      badMac: "The MAC on the host's answer did not verify",
      unknown: 'The host gave no valid answer',
    },
    field: {
      '3': 'processing code',
      '4': 'amount',
      '11': 'trace number',
      '41': 'terminal number',
      '42': 'merchant number',
      other: 'value',
    },
    then: {
      sale: {
        delivered: 'the payment was reversed and nothing was charged',
        pending:
          'the payment is being reversed (the reversal has not reached the host yet) and nothing will be charged',
      },
      preauth: {
        delivered: 'the pre-authorisation was reversed and nothing is held on the card',
        pending:
          'the pre-authorisation is being reversed (the reversal has not reached the host yet) and nothing will be held',
      },
      preauth_complete: {
        delivered:
          'the completion was reversed, nothing was charged and the pre-authorisation still stands',
        pending:
          'the completion is being reversed (the reversal has not reached the host yet); nothing will be charged and the pre-authorisation still stands',
      },
      preauth_cancel: {
        delivered: 'the cancellation was reversed and the pre-authorisation still stands',
        pending:
          'the cancellation is being reversed (the reversal has not reached the host yet) and the pre-authorisation still stands',
      },
      void: {
        delivered: 'the void was reversed and the sale still stands',
        pending:
          'the void is being reversed (the reversal has not reached the host yet) and the sale still stands',
      },
    },
  },
};
