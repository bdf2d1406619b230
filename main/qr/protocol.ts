import { z } from 'zod';

/**
 * The QR payment gateway's wire format (HOST-PROTOCOL.md part B), shared by
 * the client and the training gateway so both speak exactly the same thing.
 */

export const WALLETS = ['wechat', 'alipay', 'unionpay'] as const;

export const REPLY_STATUSES = [
  'SUCCESS',
  'USERPAYING',
  'FAIL',
  'NOTPAY',
  'CLOSED',
  'REFUNDED',
] as const;

export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** A 2xx reply body. Unknown extra fields are dropped, not refused. */
export const gatewayReplySchema = z.object({
  status: z.enum(REPLY_STATUSES),
  code: z.string().max(64).optional(),
  message: z.string().max(256).optional(),
  wallet: z.enum(WALLETS),
  transactionId: z.string().max(64).optional(),
  payerId: z.string().max(128).optional(),
});

export type GatewayReply = z.infer<typeof gatewayReplySchema>;

/** The body of a 4xx/5xx answer; read leniently, it only feeds the audit. */
export const gatewayErrorSchema = z.object({
  code: z.string().max(64).optional(),
  message: z.string().max(256).optional(),
});

export type GatewayErrorBody = z.infer<typeof gatewayErrorSchema>;

// Request bodies. Merchant and terminal follow PRODUCT.md §1; order and refund
// numbers are alphanumeric up to 32 like the wallets' own out_trade_no.
const merchant = z.string().regex(/^[0-9]{15}$/, 'merchant must be 15 digits');
const terminal = z.string().regex(/^[0-9A-Z]{8}$/, 'terminal must be 8 digits/upper-case letters');
const orderNo = z.string().regex(/^[0-9A-Za-z]{1,32}$/, 'orderNo must be 1-32 letters/digits');
const amountFen = z.number().int().min(1).max(99_999_999);

export const orderRefSchema = z.object({ merchant, terminal, orderNo });

export const payBodySchema = orderRefSchema.extend({
  authCode: z.string().min(1).max(32),
  amountFen,
});

export const refundBodySchema = orderRefSchema.extend({
  refundNo: z.string().regex(/^[0-9A-Za-z]{1,32}$/, 'refundNo must be 1-32 letters/digits'),
  amountFen,
});

export type OrderRef = z.infer<typeof orderRefSchema>;
export type PayBody = z.infer<typeof payBodySchema>;
export type RefundBody = z.infer<typeof refundBodySchema>;

/**
 * The error code the gateway puts in a 404 body when it has no such order.
 * Only this code (not any 404, which a wrong base URL also gives) tells the
 * client that the order truly does not exist.
 */
export const ORDER_NOT_FOUND = 'ORDER_NOT_FOUND';
