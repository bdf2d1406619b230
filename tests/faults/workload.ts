import { demoProducts } from '../../main/domain/catalogue/demo-products';
import { localDate } from '../../main/services/printing/receipts';
import { TRAINING_PIN } from '../../native/pinpad/test-cards';
import type { OrderView, Result, TransactionView } from '../../preload/contract';
import type { Driver } from './driver';
import { PASSWORDS } from './protocol';
import type { Rng } from './rng';
import {
  abandon,
  notePaid,
  partOf,
  returnLines,
  undoNext,
  type OrderWork,
} from './workload-orders';

const SUPERVISOR = { operatorNo: '00', password: PASSWORDS.supervisor };
/** Barcodes a cashier scans: the demo catalogue the terminal loaded at its first start. */
const BARCODES = demoProducts()
  .filter((p) => !p.weighable)
  .flatMap((p) => p.barcodes);

/** A PIN other than the training one: the host answers 55 (密码错). */
const WRONG_PIN = '654321';

/**
 * What the cashier does between kills: rings baskets and pays them (in parts
 * too), abandons the odd partly paid one, returns lines of paid ones, and the
 * odd follow-up.
 */
export interface Cashier extends OrderWork {
  /** The order at the counter, as the terminal last said. */
  current: OrderView | null;
  /** Card sales, cash and QR payments acknowledged, for voids and refunds. */
  approved: TransactionView[];
  /** Batches the terminal said it settled. */
  settled: Set<string>;
  /**
   * What the round's armed crash point needs to be reached: card payments
   * (host:answered), QR (gateway:answered), payments at all (the print queue),
   * payments and settlements (the outbox: reversals, QR cancels, uploads), abandons (an abandon's steps), returns (a return's steps);
   * null: the usual mix.
   */
  aim: 'card' | 'qr' | 'pay' | 'outbox' | 'abandon' | 'return' | null;
}

export function newCashier(): Cashier {
  return {
    current: null,
    approved: [],
    settled: new Set(),
    aim: null,
    paid: [],
    abandoning: null,
  };
}

function pick<T>(r: Rng, xs: readonly T[]): T | undefined {
  return xs.length ? xs[r.int(xs.length)] : undefined;
}

type Summary = { op: string; ok: boolean; detail?: string };
const summarize = (op: string, res: Result<unknown>): Summary => ({
  op,
  ok: res.ok,
  detail: res.ok ? detailOf(res.value) : String(res.error.code),
});

function detailOf(v: unknown): string {
  const o = v as { outcome?: unknown; kind?: string } | null;
  if (o && typeof o.outcome === 'string') return o.outcome;
  if (o?.outcome && typeof (o.outcome as { outcome?: string }).outcome === 'string')
    return (o.outcome as { outcome: string }).outcome;
  return o?.kind ?? 'ok';
}

/** The transaction a payment's reply names (cash: value.transaction; card/QR: value.outcome.transaction). */
export function paymentOf(value: unknown): TransactionView | null {
  const v = value as { transaction?: TransactionView; outcome?: { transaction?: TransactionView } };
  return v?.transaction ?? v?.outcome?.transaction ?? null;
}

/** The order view a reply carries, if any. */
export function orderOf(channel: string, value: unknown): OrderView | null {
  const v = value as { order?: OrderView | null } & Partial<OrderView>;
  if (channel === 'order:addProduct' || channel === 'order:addOpenLine') return v as OrderView;
  return v?.order ?? null;
}

export interface StepDeps {
  driver: Driver;
  /** The cardholder at the PIN pad (the terminal process's stdin). */
  cardholder(card: string, pin: string): void;
}

async function signInAs(d: Driver, operatorNo: string, password: string) {
  await d.call('auth:signOff');
  return d.call('auth:signIn', { operatorNo, password });
}

/** Signs the cashier in and learns what is at the counter (after a restart). */
export async function startShift(c: Cashier, d: Driver): Promise<void> {
  const r = await signInAs(d, '01', PASSWORDS.cashier);
  if (!r.ok) throw new Error(`cashier sign-in refused: ${JSON.stringify(r.error)}`);
  // No payment before the shift's opening float (issue 15): ¥0.00, once per shift.
  const float = await d.call('cash:setFloat', { amountFen: 0 });
  if (!float.ok && float.error.code !== 'CASH_FLOAT_SET')
    throw new Error(`float refused: ${JSON.stringify(float.error)}`);
  await learnCounter(c, d);
}

async function pay(c: Cashier, r: Rng, deps: StepDeps, order: OrderView): Promise<Summary> {
  const d = deps.driver;
  const roll =
    c.aim === 'card'
      ? 35 + r.int(40)
      : c.aim === 'qr'
        ? 75 + r.int(25)
        : c.aim === 'abandon' || c.aim === 'return'
          ? 35 + r.int(65)
          : r.int(100);
  let res: Result<unknown>;
  let op: string;
  // Split tender: a card or QR payment of a part, the rest by another payment later.
  const part = roll < 35 ? undefined : partOf(r, order, c.aim === 'abandon');
  const amount = part === undefined ? {} : { amountFen: part };
  const partly = part === undefined ? '' : ':part';
  if (roll < 35) {
    op = 'pay:cash';
    res = await d.call(
      'order:payCash',
      { orderId: order.id, tenderedFen: order.dueFen + r.int(3) * 500 },
      order.id,
    );
  } else if (roll < 75) {
    const k = r.int(100);
    const [card, pin] =
      k < 55
        ? ['approve', TRAINING_PIN]
        : k < 67
          ? ['approve', WRONG_PIN] // a wrong PIN typed on a good card
          : k < 73
            ? ['wrong-pin', TRAINING_PIN] // the issuer's PIN check fails
            : (pick(r, [
                ['swipe', TRAINING_PIN],
                ['insufficient', TRAINING_PIN],
                ['no-reply', TRAINING_PIN],
                ['foreign', TRAINING_PIN],
              ] as const) ?? ['approve', TRAINING_PIN]);
    op = `pay:card:${card}${pin === WRONG_PIN ? ':wrong-pin-typed' : ''}${partly}`;
    deps.cardholder(card, pin);
    res = await d.call('order:payCard', { orderId: order.id, ...amount }, order.id);
  } else {
    const digit = pick(r, [0, 1, 2, 3, 4, 0, 1, 2, 7, 8, 9, 5]) ?? 0;
    const code = `13${String(r.int(1e9)).padStart(9, '0')}${String(r.int(1e6)).padStart(6, '0')}${digit}`;
    op = `pay:qr:${digit}${partly}`;
    res = await d.call('order:payQr', { orderId: order.id, code, ...amount }, order.id);
  }
  if (res.ok) {
    const tx = paymentOf(res.value);
    if (tx?.state === 'approved') c.approved.push(tx);
    c.current = orderOf('order:pay', res.value);
    notePaid(c, c.current);
    if (c.current && c.current.state === 'paid') c.current = null;
  } else if (
    res.error.code === 'ORDER_PAYMENT_UNDECIDED' ||
    res.error.code === 'ORDER_NOT_EDITABLE' ||
    res.error.code === 'ORDER_ABANDONING'
  ) {
    await learnCounter(c, d);
  } else if (res.error.code === 'SETTLEMENT_IN_PROGRESS') {
    // A settlement a kill cut short holds every payment: the supervisor runs it again.
    await settle(c, d, 'settlement:run');
  } else if (res.error.code === 'HOST_SIGN_IN_REQUIRED') {
    // As the cashier would when the screen says so (after a settlement or a restart).
    await d.call('host:signIn');
  }
  return summarize(op, res);
}

/** What is at the counter (after a restart or a refusal), and whether it is being abandoned. */
async function learnCounter(c: Cashier, d: Driver) {
  const cur = await d.call<{ order: OrderView | null }>('order:current');
  c.current = cur.ok ? cur.value.order : null;
  c.abandoning = null;
  if (c.current?.state !== 'paying') return;
  const undo = await d.call<{ undo: { finished: boolean } | null }>('order:undoState', {
    orderId: c.current.id,
  });
  if (undo.ok && undo.value.undo && !undo.value.undo.finished) c.abandoning = c.current.id;
}

async function followUp(c: Cashier, r: Rng, deps: StepDeps): Promise<Summary | null> {
  const d = deps.driver;
  const roll = r.int(100);
  if (roll < 20) {
    const s = pick(
      r,
      c.approved.filter((t) => t.tender === 'card' && !c.settled.has(t.batchNo)),
    );
    if (!s) return null;
    deps.cardholder('approve', TRAINING_PIN);
    return summarize(
      'void',
      await d.call('voids:run', { traceNo: s.traceNo, supervisor: SUPERVISOR }),
    );
  }
  if (roll < 35) {
    const s = pick(
      r,
      c.approved.filter((t) => t.tender === 'card' && c.settled.has(t.batchNo) && t.card?.rrn),
    );
    if (!s?.card?.rrn) return null;
    deps.cardholder('approve', TRAINING_PIN);
    return summarize(
      'refund:card',
      await d.call('refunds:card', {
        rrn: s.card.rrn,
        date: localDate(Date.parse(s.createdAt)),
        amountFen: 1 + r.int(s.amountFen),
        supervisor: SUPERVISOR,
      }),
    );
  }
  if (roll < 50) {
    const s = pick(
      r,
      c.approved.filter((t) => t.tender === 'cash' && c.settled.has(t.batchNo)),
    );
    if (!s) return null;
    return summarize(
      'refund:cash',
      await d.call('refunds:cash', {
        batchNo: s.batchNo,
        traceNo: s.traceNo,
        amountFen: 1 + r.int(s.amountFen),
        supervisor: SUPERVISOR,
      }),
    );
  }
  if (roll < 65) {
    const s = pick(
      r,
      c.approved.filter((t) => t.tender === 'qr'),
    );
    if (!s) return null;
    return summarize(
      'refund:qr',
      await d.call('qr:refund', {
        txId: s.id,
        amountFen: 1 + r.int(Math.max(1, Math.floor(s.amountFen / 3))),
        supervisor: SUPERVISOR,
      }),
    );
  }
  return settle(c, d, roll < 85 ? 'settlement:run' : 'sync:retry');
}

/** The supervisor settles the batch (its upload goes through the outbox) or retries the uploads. */
async function settle(c: Cashier, d: Driver, channel: 'settlement:run' | 'sync:retry') {
  await signInAs(d, '00', PASSWORDS.supervisor);
  const res = await d.call<{ batchNo?: string }>(channel);
  await signInAs(d, '01', PASSWORDS.cashier);
  if (res.ok && channel === 'settlement:run') {
    const settled = [...new Set(c.approved.map((t) => t.batchNo))];
    for (const b of settled) c.settled.add(b);
  }
  return summarize(channel === 'settlement:run' ? 'settlement' : 'sync', res);
}

/** One step of the cashier's work; returns what it did for the log. */
export async function step(c: Cashier, r: Rng, deps: StepDeps): Promise<Summary> {
  const d = deps.driver;
  if (c.abandoning !== null) {
    // The undo screen stays until every payment is given back.
    const done = await undoNext(c, deps, c.abandoning);
    if (c.abandoning === null) await learnCounter(c, d);
    return done;
  }
  const order = c.current;
  if (
    order?.state === 'paying' &&
    order.paidFen > 0 &&
    r.chance(c.aim === 'abandon' ? 0.6 : 0.25)
  ) {
    const done = await abandon(c, deps, order);
    if (c.abandoning === null) await learnCounter(c, d);
    return done;
  }
  if (!order || order.lines.length === 0) {
    // Aiming inside the outbox: a settlement's upload is a delivery that goes through.
    if (c.aim === 'outbox' && c.approved.some((t) => !c.settled.has(t.batchNo)) && r.chance(0.5))
      return settle(c, d, 'settlement:run');
    const roll = c.aim === 'return' && r.chance(0.6) ? 100 : r.int(100);
    if (roll >= 100 || (roll >= 30 && roll < 40)) {
      const done = await returnLines(c, r, deps, c.aim === 'return');
      if (done) return done;
    } else if (roll < 12) {
      const held = await d.call<{ orders: Array<{ id: number }> }>('order:listHeld');
      const h = held.ok ? pick(r, held.value.orders) : undefined;
      if (h) {
        const res = await d.call<{ order: OrderView }>('order:recall', { orderId: h.id }, h.id);
        if (res.ok) c.current = res.value.order;
        return summarize('recall', res);
      }
    } else if (roll < 18) {
      // The keypad amount and a tender in one call: a quick order (bank-terminal habit).
      const amountFen = 100 + r.int(20_000);
      const res = await d.call('sale:cash', { amountFen, tenderedFen: amountFen + r.int(1000) });
      const tx = res.ok ? paymentOf(res.value) : null;
      if (tx) c.approved.push(tx);
      return summarize('quick:cash', res);
    } else if (roll < 30) {
      const done = await followUp(c, r, deps);
      if (done) return done;
    }
  }
  // Aiming at a payment's crash point: baskets are paid sooner; a part paid, the rest is paid next.
  const roll =
    order?.state === 'paying' ? 99 : c.aim ? Math.max(r.int(100), 30 + r.int(70)) : r.int(100);
  if (!order || order.lines.length === 0 || roll < 40) {
    const code = pick(r, BARCODES)!;
    const quantity = r.chance(0.2) ? 2 + r.int(3) : undefined;
    const res = await d.call<{ kind: string; order?: OrderView }>(
      'order:scan',
      { code, ...(quantity ? { quantity } : {}) },
      order?.id ?? null,
    );
    if (res.ok && res.value.order) c.current = res.value.order;
    return summarize('scan', res);
  }
  if (roll < 45) {
    const res = await d.call<OrderView>(
      'order:addOpenLine',
      { amountFen: 100 + r.int(5_000) },
      order.id,
    );
    if (res.ok) c.current = res.value;
    return summarize('open-line', res);
  }
  if (roll < 52) {
    const res = await d.call('order:hold', {}, order.id);
    if (res.ok) c.current = null;
    return summarize('hold', res);
  }
  return pay(c, r, deps, order);
}
