import { classifyPaymentCode, maskPaymentCode, type Wallet } from '../domain/qr-code';
import type { GatewayReply, OrderRef, PayBody, RefundBody, ReplyStatus } from './protocol';
import { ORDER_NOT_FOUND } from './protocol';

/*
 * The training gateway's order book (PRODUCT.md §10): what a real gateway
 * would decide, kept in memory, with the outcome chosen by the payment code's
 * LAST DIGIT so a trainee (or a test) can pick any path.
 *
 * | last digit | /pay answers                         | afterwards                                   |
 * |------------|--------------------------------------|----------------------------------------------|
 * | 0–4        | SUCCESS                              | paid                                         |
 * | 5          | USERPAYING                           | the Nth /query (N = confirmAfterQueries,     |
 * |            |                                      | default 3) answers SUCCESS                   |
 * | 6          | USERPAYING                           | stays USERPAYING until /cancel → CLOSED      |
 * | 7          | FAIL, code NOTENOUGH (余额不足)       | order stays FAIL; /query repeats it          |
 * | 8          | HTTP 500 SYSTEMERROR                 | the order exists as NOTPAY (never paid), so  |
 * |            |                                      | the query path runs; /cancel → CLOSED        |
 * | 9          | SUCCESS, but the reply is held for   | paid the moment /pay arrives (a lost reply): |
 * |            | holdMs (default 15 s > client 10 s)  | /query finds SUCCESS; /cancel → REFUNDED     |
 *
 * /cancel: USERPAYING/NOTPAY/FAIL → CLOSED; paid → whatever is not yet
 * refunded goes back, REFUNDED; CLOSED/REFUNDED answer the same again. A
 * cancel for an order the gateway never saw answers 404 ORDER_NOT_FOUND and
 * burns the number, so a /pay arriving late can never take money.
 * /pay with an order number already used (or burned) → FAIL ORDER_USED.
 * /refund: partial and repeated up to the paid amount; beyond the remainder
 * → FAIL REFUND_EXCEEDS; unpaid → FAIL ORDER_NOT_PAID; the same refundNo with
 * the same order and amount answers the first reply again (idempotent), with
 * anything else → FAIL REFUNDNO_CONFLICT. The refund reply's transactionId
 * is the refund's own id.
 */

export interface TrainingRefund {
  refundNo: string;
  amountFen: number;
  refundId: string;
}

export interface TrainingOrder {
  merchant: string;
  terminal: string;
  orderNo: string;
  wallet: Wallet;
  maskedCode: string;
  /** The last digit that chose the scenario. */
  scenario: number;
  amountFen: number;
  status: ReplyStatus;
  code?: string;
  message?: string;
  transactionId?: string;
  payerId?: string;
  queries: number;
  refundedFen: number;
  refunds: TrainingRefund[];
  createdAt: number;
}

export type LedgerAnswer =
  | { http: 200; reply: GatewayReply; holdMs?: number }
  | { http: 400 | 404 | 500; error: { code: string; message: string } };

export interface TrainingLedgerOptions {
  /** Which /query of a digit-5 order answers SUCCESS. Default 3. */
  confirmAfterQueries?: number;
  /** How long a digit-9 /pay reply is held. Default 15 s. */
  holdMs?: number;
  now?: () => number;
}

export interface TrainingLedger {
  pay(body: PayBody): LedgerAnswer;
  query(body: OrderRef): LedgerAnswer;
  cancel(body: OrderRef): LedgerAnswer;
  refund(body: RefundBody): LedgerAnswer;
  orders(): TrainingOrder[];
}

const NOT_FOUND: LedgerAnswer = {
  http: 404,
  error: { code: ORDER_NOT_FOUND, message: 'no such order' },
};

const ID_PREFIX: Record<Wallet, string> = { wechat: 'TW', alipay: 'TA', unionpay: 'TU' };

export function createTrainingLedger(opts: TrainingLedgerOptions = {}): TrainingLedger {
  const confirmAfter = opts.confirmAfterQueries ?? 3;
  const holdMs = opts.holdMs ?? 15_000;
  const now = opts.now ?? (() => Date.now());
  const orders = new Map<string, TrainingOrder>();
  const burned = new Set<string>();
  const refundNos = new Map<string, { key: string; amountFen: number; reply: GatewayReply }>();
  let seq = 0;

  const keyOf = (ref: OrderRef) => `${ref.merchant}/${ref.orderNo}`;
  const nextId = (prefix: string) => `${prefix}${String(++seq).padStart(10, '0')}`;

  function replyOf(o: TrainingOrder): GatewayReply {
    return {
      status: o.status,
      wallet: o.wallet,
      ...(o.code !== undefined ? { code: o.code } : {}),
      ...(o.message !== undefined ? { message: o.message } : {}),
      ...(o.transactionId !== undefined ? { transactionId: o.transactionId } : {}),
      ...(o.payerId !== undefined ? { payerId: o.payerId } : {}),
    };
  }

  function markPaid(o: TrainingOrder): void {
    o.status = 'SUCCESS';
    delete o.code;
    delete o.message;
    o.transactionId = nextId(ID_PREFIX[o.wallet]);
    o.payerId = `payer-${o.wallet}-${o.maskedCode.slice(-4)}`;
  }

  function pay(body: PayBody): LedgerAnswer {
    const code = classifyPaymentCode(body.authCode);
    if (!code.ok) {
      return { http: 400, error: { code: 'AUTH_CODE_INVALID', message: code.reason } };
    }
    const key = keyOf(body);
    if (orders.has(key) || burned.has(key)) {
      return {
        http: 200,
        reply: {
          status: 'FAIL',
          code: 'ORDER_USED',
          message: 'order number already used',
          wallet: code.wallet,
        },
      };
    }
    const scenario = Number(code.code.slice(-1));
    const o: TrainingOrder = {
      merchant: body.merchant,
      terminal: body.terminal,
      orderNo: body.orderNo,
      wallet: code.wallet,
      maskedCode: maskPaymentCode(code.code),
      scenario,
      amountFen: body.amountFen,
      status: 'NOTPAY',
      queries: 0,
      refundedFen: 0,
      refunds: [],
      createdAt: now(),
    };
    orders.set(key, o);
    if (scenario <= 4) {
      markPaid(o);
      return { http: 200, reply: replyOf(o) };
    }
    switch (scenario) {
      case 5:
      case 6:
        o.status = 'USERPAYING';
        o.code = 'USERPAYING';
        o.message = 'waiting for the customer to confirm';
        return { http: 200, reply: replyOf(o) };
      case 7:
        o.status = 'FAIL';
        o.code = 'NOTENOUGH';
        o.message = '余额不足 / insufficient balance';
        return { http: 200, reply: replyOf(o) };
      case 8:
        return { http: 500, error: { code: 'SYSTEMERROR', message: 'training: system error' } };
      default:
        markPaid(o);
        return { http: 200, reply: replyOf(o), holdMs };
    }
  }

  function query(body: OrderRef): LedgerAnswer {
    const o = orders.get(keyOf(body));
    if (!o) return NOT_FOUND;
    o.queries += 1;
    if (o.scenario === 5 && o.status === 'USERPAYING' && o.queries >= confirmAfter) {
      markPaid(o);
    }
    return { http: 200, reply: replyOf(o) };
  }

  function cancel(body: OrderRef): LedgerAnswer {
    const key = keyOf(body);
    const o = orders.get(key);
    if (!o) {
      burned.add(key);
      return NOT_FOUND;
    }
    if (o.status === 'SUCCESS') {
      o.refunds.push({
        refundNo: `CANCEL-${o.orderNo}`,
        amountFen: o.amountFen - o.refundedFen,
        refundId: nextId('R'),
      });
      o.refundedFen = o.amountFen;
      o.status = 'REFUNDED';
      o.code = 'REVERSED';
      o.message = 'payment reversed by cancel';
    } else if (o.status !== 'REFUNDED' && o.status !== 'CLOSED') {
      o.status = 'CLOSED';
      o.code = 'ORDER_CLOSED';
      o.message = 'order closed by cancel';
    }
    return { http: 200, reply: replyOf(o) };
  }

  function refund(body: RefundBody): LedgerAnswer {
    const key = keyOf(body);
    const o = orders.get(key);
    if (!o) return NOT_FOUND;
    const fail = (code: string, message: string): LedgerAnswer => ({
      http: 200,
      reply: { status: 'FAIL', code, message, wallet: o.wallet },
    });
    const refundKey = `${body.merchant}/${body.refundNo}`;
    const earlier = refundNos.get(refundKey);
    if (earlier) {
      return earlier.key === key && earlier.amountFen === body.amountFen
        ? { http: 200, reply: earlier.reply }
        : fail('REFUNDNO_CONFLICT', 'refund number already used for another refund');
    }
    if (o.status !== 'SUCCESS' && o.status !== 'REFUNDED') {
      return fail('ORDER_NOT_PAID', 'order was never paid');
    }
    if (body.amountFen > o.amountFen - o.refundedFen) {
      return fail('REFUND_EXCEEDS', `at most ${o.amountFen - o.refundedFen} fen can be refunded`);
    }
    const refundId = nextId('R');
    o.refunds.push({ refundNo: body.refundNo, amountFen: body.amountFen, refundId });
    o.refundedFen += body.amountFen;
    if (o.refundedFen === o.amountFen) o.status = 'REFUNDED';
    const reply: GatewayReply = { status: 'REFUNDED', wallet: o.wallet, transactionId: refundId };
    refundNos.set(refundKey, { key, amountFen: body.amountFen, reply });
    return { http: 200, reply };
  }

  return {
    pay,
    query,
    cancel,
    refund,
    orders: () => [...orders.values()].map((o) => structuredClone(o)),
  };
}
