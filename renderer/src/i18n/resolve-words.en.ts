// English words of ./resolve-words in a file of their own, so the bundle loads only the
// active language's words.
import type { ResolveWords } from './resolve-words';

export const resolveEn: ResolveWords = {
  resolve: {
    title: 'Card refund outcome unknown: check, then the supervisor settles it',
    hint: 'This refund got no valid answer from the host. Refunds are not reversed and not sent again by themselves. Call the acquirer or check the statement to learn whether the money went back to the card, then choose:',
    wentThrough: 'Went through',
    wentThroughHint:
      'The money is back on the card: the refund counts as done and is not sent again.',
    notThrough: 'Did not go through',
    notThroughHint: 'No money went back: the refund counts as failed and can be made again.',
    note: 'Note (optional: who or which number confirmed it)',
    submit: 'Confirm what the bank said',
    choose: 'Choose first whether the bank refunded the money.',
    done: {
      approved: 'Recorded as refunded (checked by the supervisor).',
      declined:
        'Recorded as not refunded (checked by the supervisor): the refund can be made again.',
    },
    retryUndo: 'Press Continue to finish the abandon.',
    retryReturn: 'The supervisor presses Continue refund to finish the return.',
    settlementTitle:
      '{{count}} card refund(s) of this batch have an unknown outcome: settle each before the batch',
    settlementHint:
      'The host did not answer these refunds; the acquirer may or may not have refunded them, so settling now would not balance. Check each with the acquirer, then the supervisor records the outcome.',
    settlementRow:
      'Voucher {{traceNo}} · amount {{amount}} · card {{pan}} · {{at}} · operator {{operatorNo}}',
  },
  rules: {
    resolveNote: 'A note is at most 80 characters',
  },
  errors: {
    REFUND_NOT_UNCERTAIN:
      'This is not a card refund with an unknown outcome (it is {{txState}}): nothing to settle; refresh to see it.',
    SETTLEMENT_REFUNDS_UNCERTAIN:
      '{{count}} card refund(s) of this batch have an unknown outcome, so the batch cannot be settled yet: check with the acquirer, have the supervisor record each on the settlement screen, then settle.',
  },
  auditActions: {
    'refund.resolved': 'Uncertain refund settled',
  },
  detailKeys: {
    txId: 'Transaction',
    originalTxId: 'Original',
    wentThrough: 'Bank refunded',
    note: 'Note',
  },
};
