import type { Migration } from '../migrate';

/**
 * QR payment codes (付款码): one row per QR payment or refund beside its
 * transaction. The payment code itself is never stored: only its first 4 /
 * last 4. `order_no` is single-use (the gateway's order number for a payment,
 * the refund number for a refund); the fee rate is kept per transaction so
 * settlement reports use the rate that applied when it was taken.
 */
export const qr: Migration = {
  version: 3,
  name: 'qr',
  up(db) {
    db.exec(`
      CREATE TABLE qr_payments (
        tx_id INTEGER PRIMARY KEY REFERENCES transactions (id),
        order_no TEXT NOT NULL UNIQUE CHECK (length(order_no) BETWEEN 8 AND 40),
        original_order_no TEXT,
        wallet TEXT NOT NULL CHECK (wallet IN ('wechat', 'alipay', 'unionpay')),
        code_masked TEXT,
        gateway_tx_id TEXT,
        payer_masked TEXT,
        gateway_code TEXT,
        gateway_message TEXT,
        -- hundredths of a percent: 38 = 0.38 %
        fee_rate_bp INTEGER NOT NULL CHECK (fee_rate_bp BETWEEN 0 AND 1000)
      ) STRICT;
      CREATE INDEX qr_payments_original ON qr_payments (original_order_no)
        WHERE original_order_no IS NOT NULL;
    `);
  },
};
