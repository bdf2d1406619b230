// English words of ./cash-words in a file of their own, so the bundle loads only the
// active language's words (both in one module made a chunk of both at start-up).
import type { cashZh } from './cash-words';

type Words<T> = { [K in keyof T]: T[K] extends string ? string : Words<T[K]> };

export const cashEn: Words<typeof cashZh> = {
  screen: {
    menu: 'Paid in / out',
    floatTitle: 'Opening float',
    floatHint:
      'Start of shift: count the float in the drawer, press F and enter it (0.00 if none), Enter to confirm. The drawer opens.',
    floatOpenTitle: 'Shift start · opening float',
    floatOpenHint:
      'Count the float in the drawer and enter it (0.00 if none); payments can be taken once Enter confirms it.',
    floatMustEnter:
      'This shop requires the opening float: enter 0.00 if there is none and press Enter.',
    floatSkip: 'Not now (Esc)',
    floatRequiredRule:
      'A shift takes payments only once its opening float is entered (off for a shop without floats)',
    floatLabel: 'Float amount',
    floatConfirm: 'Confirm float (Enter)',
    floatSet: 'Float {{amount}} recorded.',
    moveTitle: 'Paid in / paid out',
    moveHint:
      'Paid in: change from the bank, for instance; paid out: paying a supplier, for instance. A reason and the supervisor’s password are needed; the drawer opens.',
    kindIn: 'Paid in',
    kindOut: 'Paid out',
    amount: 'Amount',
    reason: 'Reason',
    moveConfirm: 'Confirm (Enter)',
    moved: '{{kind}} {{amount}} recorded; the drawer is open.',
    movements: 'Drawer this shift',
    back: 'Back (Esc)',
    countTitle: 'Sign off · count the cash',
    countHint:
      'Count the cash in the drawer and enter it first (blind count: what is expected is shown after).',
    byTotal: 'Total',
    byDenomination: 'By denomination',
    countedTotal: 'Counted cash',
    pieces: 'pieces',
    countConfirm: 'Confirm count (Enter)',
    expected: 'Expected cash',
    counted: 'Counted cash',
    overShort: 'Over / short',
    over: 'Over {{amount}}',
    short: 'Short {{amount}}',
    even: 'Even',
    float: 'Float',
    cashSales: 'Cash sales',
    cashRefunds: 'Cash refunds',
    paidIn: 'Paid in',
    paidOut: 'Paid out',
    reportPrinted: 'Shift report printed.',
    drawer: 'Cash drawer',
    countsIncluded: '{{count}} shift(s) counted',
  },
  auditActions: {
    'cash.float': 'Opening float',
    'cash.paidIn': 'Paid in',
    'cash.paidOut': 'Paid out',
    'cash.counted': 'Shift cash counted',
    'drawer.opened': 'Drawer opened',
  },
  rules: {
    cashReason: 'enter a reason (1–40 characters)',
    denomination: 'denominations are ¥100, 50, 20, 10, 5, 1, 0.5 and 0.1, each once',
    pieces: 'pieces are whole numbers 0–99999',
    countCashierOnly: 'only a cashier counts the drawer at sign-off',
  },
  errors: {
    CASH_FLOAT_SET:
      'The float for this shift is already recorded and can’t be set again; use “Paid in” to add cash.',
    CASH_COUNTED:
      'The cash of this shift has been counted and the drawer closed: sign off; the next shift starts anew.',
    FLOAT_REQUIRED:
      'No opening float entered for this shift yet, so no payment can be taken: count the drawer and enter the float (0.00 if none).',
    CASH_COUNT_REQUIRED:
      'A cashier signs off with the counted cash: enter what the drawer holds (a total or by denomination), then sign off.',
  },
};
