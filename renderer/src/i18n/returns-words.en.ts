// English words of ./returns-words in a file of their own, so the bundle loads only the
// active language's words (both in one module made a chunk of both at start-up).
import type { ReturnsWords } from './returns-words';

export const returnsEn: ReturnsWords = {
  returns: {
    title: 'Return goods',
    hint: "Scan the order-number barcode on the receipt, or type the order number and press Enter; or find it by date and the card's last 4.",
    orderNo: 'Order number (14 digits)',
    find: 'Find (Enter)',
    date: 'Date',
    last4: 'Card last 4 (optional)',
    search: 'Find by date',
    noOrders: 'No returnable orders on this day.',
    back: 'Back to standby (Esc)',
    paidAt: 'Paid at',
    line: 'Item',
    sold: 'Qty',
    returned: 'Returned',
    left: 'Left',
    net: 'Paid',
    qty: 'Return qty',
    amount: 'Refund',
    total: 'Refund total',
    refundTo: 'Back to the original tenders (card → QR → cash)',
    submit: 'Confirm return (Enter)',
    resume: 'Continue refund',
    cancel: 'Cancel return',
    openReturns: 'Unfinished returns',
    done: 'Return done; the return slip is printing.',
    stopped: 'Return not finished: ',
    cashOut: 'Take {{amount}} from the drawer and hand it to the customer.',
    kind: { void: 'Card void', refund: 'Refund to original', cash: 'Cash out' },
    tender: { card: 'Card', qr: 'QR', cash: 'Cash' },
    state: { planned: 'To do', started: 'In progress', done: 'Done' },
    withoutOriginal: 'Return without original (cash only)',
    withoutOriginalRule: 'Allow returns without the original (cash only, supervisor and reason)',
    itemName: 'Item name',
    reason: 'Reason',
    addLine: 'Add line',
    supervisorHere: "Needs the supervisor's approval now",
    keysHint:
      'Type a quantity and press Enter for the next line (↑↓ move); Enter on the last line goes to the supervisor password, then Enter confirms the return.',
  },
  rules: {
    returnOrderNo: 'The order number is 14 digits (under the barcode at the foot of the receipt)',
    returnLast4: "The card's last 4 are 4 digits",
    returnLines: 'Pick at least one line and a quantity',
    returnItemName: 'Enter the item name',
    returnReason: 'A return without the original needs a reason',
  },
  errors: {
    RETURN_ORDER_NOT_FOUND:
      'Order {{orderNo}} not found: check the number on the receipt, or find it by date.',
    RETURN_ORDER_NOT_PAID: 'Order {{orderNo}} is not paid, so nothing can be returned.',
    RETURN_LINE_NOT_ON_ORDER: 'That line is not on this order: find the order again.',
    RETURN_EXCEEDS:
      'At most {{leftQty}} of "{{name}}" ({{left}}) can still be returned: lower the quantity.',
    RETURN_PAYMENTS_SHORT:
      "The order's payments have only {{left}} left to refund: check earlier refunds of this order.",
    RETURN_CARD_PARTIAL:
      'The card payment of {{amount}} can only be voided whole before settlement, not refunded {{take}} in part: return the whole order, or return part after settlement.',
    RETURN_OPEN_EXISTS:
      'This order has an unfinished return {{returnNo}}: continue or cancel it first.',
    RETURN_NOT_FOUND: 'Return not found.',
    RETURN_NOT_OPEN: 'Return {{returnNo}} is already done or cancelled.',
    RETURN_STEP_UNDECIDED:
      'A refund of return {{returnNo}} has no result yet: press Continue refund later to check; do not refund again. A card refund: check with the bank, then the supervisor settles it.',
    RETURN_STEP_DECLINED:
      'A refund of return {{returnNo}} was declined ({{code}}): try Continue refund again, or cancel the return.',
    RETURN_CANNOT_CANCEL:
      'Return {{returnNo}} has already given money back and cannot be cancelled: finish the refund.',
    RETURN_WITHOUT_ORIGINAL_OFF:
      'This shop does not allow returns without the original: find the order, or the supervisor turns it on in the return settings.',
  },
};
