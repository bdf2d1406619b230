import type { Catalog } from './zh-CN';

/** English: the second language's start-up words. The type makes it carry every key zh-CN has. */
export const en: Catalog = {
  app: {
    title: 'Counter POS',
    training: 'TRAINING',
    language: '中文',
    languageLabel: 'Switch language',
    loading: 'Starting…',
    screenFailed: 'This screen could not be opened',
    screenFailedHint:
      'The link to the till service may have dropped for a moment, or the screen failed. No sale is affected: press Reload to try again, or go back to standby.',
    reload: 'Reload',
    sessionEnded:
      'The sign-in on this till has ended (signed off in another window, or the till restarted): sign in again.',
    toStandby: 'Back to standby',
    cardDataCleared:
      'That looked like a card number or a card swipe, so it was cleared: swipe or insert cards on the PIN pad.',
    cardDataDismiss: 'OK',
  },
  header: {
    terminal: 'Terminal',
    merchant: 'Merchant',
    operator: 'Operator',
    notSignedIn: 'Not signed in',
  },
  signIn: {
    secretKeyProblem:
      "The terminal's data key (secret.key) is missing or wrong: cards are paused, cash works. The technician (99) signs in and opens Master key injection to deal with it.",
    title: 'Operator sign-in',
    operatorNo: 'Operator number',
    password: 'Password',
    submit: 'Sign in',
    hint: 'Enter operator number and password, Enter to confirm, Esc to clear',
    technicianOnly: 'Administrator sign-in (operator 99)',
  },
  print: {
    title: 'Print queue',
    empty: 'No receipts waiting',
    retry: 'Retry now',
    preview: 'View receipt',
    state: {
      queued: 'Queued',
      printing: 'Printing',
      waiting: 'Waiting for printer',
      done: 'Printed',
      cancelled: 'Cancelled',
    },
    kind: {
      receipt: 'Receipt',
      reprint: 'Reprint',
      test: 'Test page',
      fault_slip: 'Fault slip',
      report: 'Report',
    },
    waitingBanner:
      'Printer unavailable: {{count}} receipt(s) waiting in the print queue; they print when it is back.',
    saleKeptWaiting:
      'Sale saved. The printer is unavailable; the receipt is waiting in the print queue.',
    printed: 'Receipt printed',
    virtualPrinted: 'Receipt shown on screen (virtual printer)',
    voucher: 'Voucher',
    attempts: 'Attempts',
    back: 'Back',
    virtualPrinter: 'Virtual printer',
  },
  common: {
    yes: 'yes',
    no: 'no',
    unnamedField: 'This field',
    ok: 'OK',
    datePlaceholder: 'YYYY-MM-DD',
    dateFormat: 'Write the date as YYYY-MM-DD, e.g. 2026-12-04',
    noSuchDate: 'No such date: {{date}}',
    clear: 'Clear',
    cancel: 'Cancel',
    back: 'Back',
    retry: 'Retry',
  },
  fields: {
    merchantNumber: 'Merchant number',
    terminalNumber: 'Terminal number',
    merchantName: 'Merchant name',
    'printer.host': 'Printer address',
    'printer.port': 'Printer port',
    paperWidth: 'Paper width',
    operatorNo: 'Operator number',
    password: 'Password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    amountFen: 'Amount',
    tenderedFen: 'Tendered',
    items: 'Items',
    address: 'Host address',
    timeoutSec: 'Timeout',
    retries: 'Retries',
    tpdu: 'TPDU',
    header: 'Message header',
    caCertificate: 'CA certificate',
    components: 'Key components',
    'components.0': 'Component 1',
    'components.1': 'Component 2',
    'components.2': 'Component 3',
    weightG: 'Weight',
    quantity: 'Quantity',
    unitPriceFen: 'Unit price',
    discount: 'Discount',
    'discount.value': 'Discount',
    code: 'Code',
    lines: 'Lines',
    name: 'Name',
  },
  rules: {
    passwordEmpty: 'Type the password (an empty one does not count as a wrong try)',
    requestId: 'missing or malformed request id',
    requestIdReused: 'request id already used for another operation',
    textChars:
      'must not contain control characters, line breaks, text-direction marks or broken characters',
    cardData: 'looks like a card number: do not swipe a card or type a card number here',
    frameNotJson: 'this message is not JSON',
    frameNotObject: 'this message is not a JSON object ({id, channel, input} expected)',
    frameId: 'the call number id is missing or not a whole number',
    discountLimitPercent: 'The discount limit is 0 %–100 %',
    lineDeleteSeconds: 'Seconds are a whole number 1–86400',
    discountPercent: 'A discount is 0.01 %–100 %',
    weight: 'A weight is 0.001–99.999 kg',
    notWeighable: 'This product is not sold by weight: enter a quantity',
    scaleLabelLine: 'A scale label’s amount cannot be changed: delete the line and weigh again',
    code: 'A code is letters and digits only (up to 64)',
    referenceNo: 'A reference number is 12 digits',
    originalDate: 'The original date is year-month-day',
    voucherNo: 'A voucher number is 6 digits',
    batchNo: 'A batch number is 6 digits',
    logo: 'The logo image data is invalid: pick the image again',
    serialPath: 'A serial port is a path like /dev/ttyUSB0 or COM3',
    baudRate: 'The baud rate must be a usual one (1200–115200)',
    usbId: 'A USB vendor/product id is 0000–FFFF',
    pulseMs: 'A pulse is 2–510 ms',
    drawerPin: 'The drawer pin is 2 or 5',
    copies: 'Copies are 1–3',
    confirm: 'The confirmation is missing or invalid: preview again, then confirm.',
    technicianPassword: 'The technician password is 8 digits.',
    backupFile: 'Not a backup file name: pick a backup from the list',
    configTooLarge: 'The configuration file is too large (at most 500 KB)',
    localDate: 'A date is year-month-day and must exist',
    auditAction: 'An action is letters and dots, at most 40 characters',
    cashierNo: 'A cashier number is two digits, 01–98',
    operatorName: 'A name is 1–20 characters, no control characters',
    passwordReused: 'must not repeat any of the last {{count}} passwords',
    expiryDays: 'Password expiry is 0–3650 days (0 = never)',
    cardLast4: 'The card’s last 4 are 4 digits',
    orderNo: 'An order number is 8–40 letters, digits, underscores or hyphens',
    amountOrder: 'The lowest amount can’t be above the highest',
    dateOrder: 'The start date can’t be after the end date',
    localMonth: 'A month is year-month, e.g. 2026-11',
    findBy: 'Enter a voucher number, or a reference number and the original date',
    backOfficeUrl:
      'The back-office address must start with https:// (http://127.0.0.1 or http://localhost for a local test), at most 200 characters, or be empty (no upload)',
    backOfficeTimeout: 'The back-office timeout must be 1–120 seconds',
    backOfficeToken: 'The back-office token must be 8–512 characters',
    gatewayUrl:
      'The gateway address must start with http:// or https://, at most 200 characters, or be empty (training mode)',
    gatewayTimeout: 'The gateway timeout must be 1–60 seconds',
    gatewayToken: 'The gateway token must be 8–512 characters',
    paymentCode: 'A payment code is at most 64 characters',
    invalid: 'is not valid',
    unknownField: 'is not something this request takes',
    merchantNumber: 'must be exactly 15 digits',
    terminalNumber: 'must be exactly 8 digits or upper-case letters',
    merchantNameRequired: 'must not be empty',
    merchantNameChars: 'contains characters the printer cannot print',
    merchantNameBytes: 'at most {{max}} bytes (GB18030, a Chinese character is 2); now {{bytes}}',
    paperWidth: 'must be 58 or 80 mm',
    printerHost: "enter the printer's IP address or host name",
    port: 'must be 1–65535',
    operatorNo: 'is 2 digits',
    passwordTooLong: 'is too long',
    passwordDigits: 'must be {{length}} digits',
    passwordSameAsOld: 'must differ from the current password',
    passwordMismatch: 'does not match the new password',
    amountRange: 'must be between ¥0.01 and ¥999,999.99',
    amountNotItemsTotal: 'does not match the items total',
    tenderedRange: 'is too large',
    itemName: 'must be 1–40 characters',
    quantity: 'must be a whole number 1–9999',
    tooManyItems: 'at most 200 item lines',
    unitPrice: 'like 3.50',
    keyComponent: 'a key component is 32 hexadecimal digits',
    keyComponentCount: 'the master key takes 2 or 3 components',
    keyAllZero: 'the components XOR to all zeros, which is not a key',
    hostAddress: 'host:port, e.g. 10.1.2.3:5000; empty for training mode',
    hostTimeout: 'the timeout is 1–300 seconds',
    hostRetries: 'retries are 0–9',
    tpdu: 'the TPDU is 10 hexadecimal digits',
    messageHeader: 'the message header is 12 hexadecimal digits',
    caCertificate:
      'must be PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----), at most 64 KB; empty for the system certificates',
  },
  errors: {
    INVALID_INPUT: 'Please check the marked fields.',
    UNKNOWN_CHANNEL: 'Internal error (unknown request); contact support.',
    INTERNAL:
      "Internal error: this didn't finish normally and the terminal's records say what happened. Check the transaction list before trying again; if it persists, contact support.",
    CONNECTION_LOST:
      'The connection to the till dropped: this was not carried out and no transaction was affected. Check, then try again.',
    OUTCOME_UNKNOWN:
      "The connection to the till dropped and it can't be confirmed yet whether this went through. Don't take the payment again: once the connection is back, check the transaction list before redoing anything.",
    REQUEST_INTERRUPTED:
      'This was cut short when the terminal restarted; the terminal dealt with it by its rules (an unfinished card payment is reversed). Transactions it recorded (batch/voucher): {{vouchers}}. Check the transaction list before redoing anything.',
    NOT_CONFIGURED: 'The terminal is not set up yet; the administrator (99) must set it up first.',
    SETTINGS_CORRUPT: 'The terminal parameters file is damaged; please set up again.',
    NOT_SIGNED_IN: 'Please sign in first.',
    FORBIDDEN: 'This operator is not allowed to do that.',
    UNKNOWN_OPERATOR: 'Operator {{operatorNo}} does not exist; check the number.',
    WRONG_PASSWORD: 'Wrong password; {{attemptsLeft}} attempt(s) left.',
    OPERATOR_LOCKED:
      'Operator {{operatorNo}} is locked until {{until}}; try later or ask the supervisor to unlock.',
    OPERATOR_DISABLED: 'Operator {{operatorNo}} is disabled; ask the supervisor.',
    ADMIN_ONLY_BEFORE_SETUP:
      'The terminal is not set up yet; only the administrator (99) can sign in.',
    PASSWORD_CHANGE_REQUIRED: 'Please change your password first.',
    TENDER_TOO_LOW: 'The cash tendered is less than the amount.',
    TRANSACTION_NOT_FOUND: 'Transaction not found.',
    PRINT_JOB_NOT_FOUND: 'Print job not found.',
    PRINTER_UNREACHABLE: 'Cannot reach printer {{address}}: check power, cable and address.',
    PRINTER_TIMEOUT: 'Printer {{address}} does not respond: check paper and jams.',
    PRINTER_DISCONNECTED: 'Printer {{address}} disconnected while printing; it will print again.',
    HOST_SIGN_IN_REQUIRED:
      'The terminal is not signed in to the host; cards cannot be taken. Press "Sign in again".',
    HOST_UNREACHABLE:
      'Cannot reach the acquirer host {{address}}: check the network cable and host address, then retry. Nothing was sent.',
    HOST_TLS_FAILED:
      'The secure (TLS) connection to the acquirer host {{address}} failed ({{detail}}): check the host address and the CA certificate setting. Nothing was sent.',
    HOST_TIMEOUT:
      'The acquirer host {{address}} did not answer within {{seconds}} s: check the network and retry.',
    HOST_BAD_REPLY:
      'The host sent a reply that cannot be read: retry; if it keeps happening, contact the acquirer.',
    HOST_REFUSED: 'The host refused the sign-in (response code {{code}}): contact the acquirer.',
    TERMINAL_NOT_REGISTERED:
      "Terminal not registered (response code 97): check terminal number {{terminal}} and merchant number {{merchant}} against the acquirer's records, and contact the acquirer.",
    KEYS_INVALID:
      'The working keys from the host failed their check: make sure the master key was injected correctly and sign in again; if it persists, contact the acquirer.',
    TMK_MISSING: 'The terminal has no master key: the technician (99) must inject it first.',
    REVERSAL_PENDING:
      '{{count}} reversal(s) have not reached the host; card payments are paused while they retry. Wait or check the network.',
    BATCH_FULL:
      'This batch is full of card transactions ({{count}}; the host counts at most {{max}}): a supervisor must settle first, then cards work again. Cash and QR still work.',
    CARDS_BLOCKED:
      'Reversal failed; a fault slip was printed: handle it manually. Cards are refused until the reversal goes through; cash still works.',
    CARD_BUSY: 'Another card transaction is in progress; finish or cancel it first.',
    SETTLEMENT_BUSY:
      'A payment or refund is still running ({{channel}}): let it finish or cancel it before settling.',
    SIGN_OFF_BUSY:
      'A payment, refund or drawer operation is still running ({{channel}}): let it finish or cancel it before signing off.',
    SIGN_IN_BUSY:
      'A payment or refund is still running ({{channel}}): let it finish or cancel it before signing in or changing a password.',
    PINPAD_CANCELLED: 'Cancelled on the PIN pad.',
    PINPAD_SCREEN_CLOSED:
      'The screen that started it was closed or reloaded, so the card wait was cancelled: nothing was sent to the bank.',
    PINPAD_TIMEOUT: 'The PIN pad timed out: start the transaction again.',
    PINPAD_NO_KEY: 'The PIN pad has no key: sign in to the host first.',
    PINPAD_FAULT: 'PIN pad fault: check its cable and retry.',
    PINPAD_NOT_SIMULATED: 'The simulated PIN pad is only available in training mode.',
    SECRET_KEY_PROBLEM:
      "The terminal's data key (secret.key) is missing or doesn't match the sealed data: the master key, tokens and card numbers of pending reversals can't be used, and no new key was made behind your back. Ask the technician (99) to open Key injection, check the pending reversals listed there and inject the master key again; cash works meanwhile.",
    PINPAD_NOT_CONFIGURED:
      'No PIN pad, so no cards: the simulated PIN pad works only in training mode. Ask the technician (99) to set a serial PIN pad under Peripherals and restart the till; cash and QR codes work meanwhile.',
    SCANNER_NOT_SIMULATED: 'The simulated scanner is only available in training mode.',
    QR_CODE_INVALID:
      'Not a valid payment code ({{reason}}): ask the customer to refresh the code and scan again, or pay another way. Nothing was sent.',
    QR_BUSY: 'Another QR payment is running; wait for it to finish.',
    QR_GATEWAY_NOT_CONFIGURED:
      'No QR payment gateway is set up: the technician (99) must set its address and token.',
    REFUND_NOT_ALLOWED:
      'This transaction cannot be refunded ({{reason}}): only approved sales can; a card sale not yet settled is voided instead.',
    REFUND_EXCEEDS: 'The refund is more than the {{refundable}} left to refund: check the amount.',
    SUPERVISOR_REQUIRED:
      'A supervisor (00) must approve: the supervisor enters their number and password.',
    SETTLEMENT_IN_PROGRESS:
      'A settlement is in progress and transactions are paused: the supervisor (00) must finish it first.',
    SETTLEMENT_BLOCKED:
      'Unfinished items stop the settlement: {{reversals}} reversal(s) and {{qr}} QR cancel(s)/refund(s) not delivered yet. Check the network and settle again.',
    SETTLEMENT_REFUSED:
      'The host refused the settlement (code {{code}}): sign in again and settle again; if it persists call the acquirer.',
    NOTHING_TO_SETTLE: 'The current batch has no transactions: nothing to settle.',
    VOID_NOT_FOUND:
      'No transaction with voucher {{traceNo}} in the current batch: check the number; settled transactions need a refund.',
    VOID_NOT_ALLOWED:
      'This transaction cannot be voided ({{reason}}): only approved, not yet voided card or cash sales of the current batch can; QR payments are refunded.',
    REFUND_ORIGINAL_NOT_FOUND:
      'No original sale with reference {{rrn}} on {{date}}: check the reference number and date on the slip.',
    REFUND_CARD_MISMATCH:
      'This is not the card of the original sale: refund to the card that paid.',
    PREAUTH_NOT_FOUND: 'No such pre-authorisation: pick one from the open pre-auths.',
    PREAUTH_CLOSED: 'This pre-authorisation is already completed or cancelled.',
    OPERATOR_EXISTS: 'Operator {{operatorNo}} already exists: pick an unused number from 01–98.',
    OPERATOR_NOT_MANAGED:
      'You cannot manage this operator: the supervisor (00) manages cashiers; the technician (99) can only reset or unlock the supervisor.',
    OPERATOR_ON_SHIFT:
      'Operator {{operatorNo}} has not signed off: they must sign off (end the shift) before being disabled or removed.',
    OPERATOR_HAS_TRANSACTIONS:
      'Operator {{operatorNo}} has transactions, orders or shifts on record and cannot be removed (the records keep their number): disable them instead.',
    PREAUTH_DISABLED:
      'Pre-authorisation is switched off on this terminal: the technician (99) can switch it on under transaction parameters.',
    VOUCHER_NOT_FOUND:
      'No sale with voucher {{traceNo}} in batch {{batchNo}}: check both numbers on the receipt.',
    PREAUTH_OVER_LIMIT: 'A completion can be at most 115 % of the hold (at most {{ceiling}}).',
    BACKUP_FAILED:
      "The backup failed; no data was affected: check the free space and permissions of the backup folder's disk and try again.",
    BACKUP_BUSY: 'Another backup or restore is running; try again when it has finished.',
    RESTORE_BUSY:
      'An operation is still running ({{channel}}): let it finish or cancel it before restoring; no data was changed.',
    RESTORE_NOT_FOUND:
      'The backup file to restore was not found: pick it again from the list of backups.',
    RESTORE_CORRUPT:
      'The backup file is damaged (integrity check failed): restore refused, nothing was changed. Pick another backup.',
    RESTORE_NOT_A_BACKUP:
      'This file is not a database backup of this POS: restore refused, nothing was changed.',
    RESTORE_TOO_NEW:
      'This backup comes from a newer version of the app (data version {{found}}, this one supports up to {{supported}}): restore refused, nothing was changed. Update the app first.',
    RESTORE_DROPS_UNSETTLED:
      'Restore refused, nothing was changed: it would drop {{count}} approved transaction(s) made since this backup that are not yet settled and uploaded. Settle first (结算), then restore — or pick a newer backup.',
    RESTORE_PREVIEW_STALE:
      'Something changed since the preview (a new transaction or settlement): nothing was restored. Look at the new preview and confirm again.',
    RECOVERY_NEEDED:
      'The database needs recovery: the terminal does not trade until the technician restores a backup or starts over.',
    RECOVERY_NOT_NEEDED: 'The database is fine: there is nothing to recover.',
    RECOVERY_NO_CREDENTIAL:
      'No technician password is kept on this terminal and no backup holds one: recovery cannot be opened here. Call support to copy a backup into the backups folder.',
    EXPORT_FAILED:
      'The export failed: check the free space and permissions where it is saved and try again.',
    EXPORT_RANGE_INVALID:
      'Invalid date range ({{from}} to {{to}}): dates are year-month-day and the first may not be after the last.',
    CONFIG_FILE_INVALID:
      'Not a valid terminal configuration file: pick a configuration file exported by this POS (.json).',
    CONFIG_VERSION_UNSUPPORTED:
      'The configuration file comes from a newer version of the app (format {{found}}, this one supports up to {{supported}}): update the app first.',
    REPORT_NOT_FOUND:
      'No such report: the operator has no shift yet, or the batch has not been settled.',
    ORDER_NOT_FOUND: 'Order not found: scan to start a new one, or recall it from the held orders.',
    ORDER_NOT_EDITABLE:
      'This order cannot be changed now: it is being paid, is held, or has ended.',
    ORDER_AT_COUNTER:
      'Order {{orderNo}} is still open at the counter: take payment, hold it or clear it first.',
    ORDER_EMPTY: 'The order has no items yet: scan a product or key in an amount first.',
    ORDER_LINE_NOT_FOUND: 'That line is no longer on the order (it may have been deleted).',
    ORDER_TOO_LARGE: 'The order is over the ¥999,999.99 limit: split it into two orders.',
    ORDER_PAYMENT_UNDECIDED:
      'Order {{orderNo}} has a payment whose result is not known yet: wait for it or ask the supervisor; do not take payment again.',
    ORDER_PARTLY_PAID:
      'Order {{orderNo}} is partly paid: to abandon it, the supervisor undoes its payments (Abandon order).',
    ORDER_ABANDONING:
      'Order {{orderNo}} is being abandoned: its payments are being given back, it takes no more payments.',
    TENDER_EXCEEDS_DUE:
      'A card or QR payment can be at most what is left ({{due}}): key a smaller amount, or take the rest in cash.',
    UNDO_DECLINED:
      'The payment could not be given back (answer {{code}}): check the host or wallet, then try this step again.',
    UNDO_NO_ANSWER:
      'No definite answer when giving the payment back: a void or QR refund is checked again automatically, try this step again later; a card refund is not — check with the bank, then the supervisor settles it.',
    DISCOUNT_EXCEEDS: 'A discount cannot exceed the amount it applies to (¥{{baseYuan}}).',
    APPROVAL_REQUIRED:
      "This needs the supervisor's approval: the supervisor enters their number and password.",
  },
};
