import { maskPan } from '../../main/domain/pan';
import { TEST_CARDS, TRAINING_PIN } from '../../native/pinpad/test-cards';
import type {
  OrderUndoView,
  OrderView,
  Result,
  ReturnOrderView,
  ReturnQuote,
  ReturnRun,
  ReturnView,
} from '../../preload/contract';
import type { Driver } from './driver';
import { PASSWORDS } from './protocol';
import type { Rng } from './rng';

/**
 * The order work of the cashier beyond one payment per basket (issue 15):
 * split tender (a card or QR part, the rest by another tender), abandoning a
 * partly paid order with the supervisor (整单撤销, every payment given back
 * step by step), and returns by line of earlier paid orders (按商品退货) —
 * all through the web shell, as the renderer calls them, so the seeded kills
 * land inside them too.
 */
const SUPERVISOR = { operatorNo: '00', password: PASSWORDS.supervisor };

/** Which training card has this masked number: a refund reads the same card again. */
const CARD_BY_PAN = new Map(TEST_CARDS.map((c) => [maskPan(c.pan), c.id]));
export const cardIdOf = (panMasked: string | null | undefined): string =>
  (panMasked ? CARD_BY_PAN.get(panMasked) : undefined) ?? 'approve';

export interface OrderWork {
  /** Orders the terminal said were paid: what returns are made of. */
  paid: Array<{ id: number; orderNo: string; cashOnly: boolean }>;
  /** The order whose abandon was started and is not finished yet. */
  abandoning: number | null;
}

export interface OrderDeps {
  driver: Driver;
  cardholder(card: string, pin: string): void;
}

type Summary = { op: string; ok: boolean; detail?: string };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failed = (op: string, res: Result<unknown>): Summary => ({
  op,
  ok: false,
  detail: res.ok ? 'ok' : String(res.error.code),
});

/** A split part: a card or QR payment of part of what is left (undefined: all of it). */
export function partOf(r: Rng, order: OrderView, often = false): number | undefined {
  if (order.dueFen < 2 || !r.chance(often ? 0.8 : 0.4)) return undefined;
  return 1 + r.int(order.dueFen - 1);
}

/** Notes a paid order for later returns (the latest few: a return of an old one is rare). */
export function notePaid(w: OrderWork, order: OrderView | null): void {
  if (order?.state !== 'paid' || w.paid.some((p) => p.id === order.id)) return;
  const cashOnly = order.payments.every((p) => p.tender === 'cash' || p.state !== 'approved');
  w.paid.push({ id: order.id, orderNo: order.number, cashOnly });
  if (w.paid.length > 12) w.paid.shift();
}

/** 整单撤销 with the supervisor, then the first step. */
export async function abandon(w: OrderWork, deps: OrderDeps, order: OrderView): Promise<Summary> {
  const res = await deps.driver.call<OrderUndoView>(
    'order:abandon',
    { orderId: order.id, supervisor: SUPERVISOR },
    order.id,
  );
  if (!res.ok) return failed('abandon', res);
  w.abandoning = order.id;
  const next = await undoNext(w, deps, order.id);
  return { ...next, op: `abandon+${next.op}` };
}

/**
 * The next step of an abandon, as the undo screen asks for it: a refund of a
 * settled card reads the card again (the same card is presented). Returns
 * whether the order is still being abandoned.
 */
export async function undoNext(w: OrderWork, deps: OrderDeps, orderId: number): Promise<Summary> {
  const d = deps.driver;
  const state = await d.call<{ undo: OrderUndoView | null }>('order:undoState', { orderId });
  const undo = state.ok ? state.value.undo : null;
  if (!undo || undo.finished) {
    w.abandoning = null;
    return { op: 'undo', ok: true, detail: undo ? 'finished' : 'none' };
  }
  const step = undo.steps.find((s) => s.state === 'todo');
  if (!step) {
    // Every step left waits for its reversal or the outbox: the screen shows it and waits.
    await sleep(300);
    return { op: 'undo', ok: true, detail: 'waiting' };
  }
  if (step.action === 'card-refund') {
    const order = await d.call<OrderView>('order:get', { orderId });
    const pay = order.ok ? order.value.payments.find((p) => p.id === step.paymentId) : undefined;
    deps.cardholder(cardIdOf(pay?.card?.panMasked), TRAINING_PIN);
  }
  const res = await d.call<OrderUndoView>('order:undoNext', { orderId }, orderId);
  if (!res.ok) return failed(`undo:${step.action}`, res);
  if (res.value.finished) w.abandoning = null;
  const err = res.value.steps.find((s) => s.paymentId === step.paymentId)?.error;
  return {
    op: `undo:${step.action}`,
    ok: true,
    detail: res.value.finished ? 'finished' : (err?.code ?? 'ok'),
  };
}

/** Presents the card a return's first card refund (after settlement) reads again. */
function cardForRefunds(
  deps: OrderDeps,
  refunds: Array<{ txId: number; tender: string; kind: string }>,
  view: ReturnOrderView,
): void {
  const card = refunds.find((s) => s.tender === 'card' && s.kind === 'refund');
  if (!card) return;
  const pan = view.payments.find((p) => p.txId === card.txId)?.panMasked;
  deps.cardholder(cardIdOf(pan), TRAINING_PIN);
}

/**
 * 继续退款: carries on with an open return (after a decline, an undecided step
 * or a kill); a step still undecided is refused with why, and asked again later.
 */
async function resumeReturn(deps: OrderDeps, open: ReturnView): Promise<Summary> {
  const d = deps.driver;
  // A card step not done yet reads the card again when its payment's batch has settled
  // (a void planned before settlement, or one reversed by it, goes back as a 退货).
  const refundsCard = open.refunds.some((s) => s.state !== 'done' && s.tender === 'card');
  if (refundsCard && open.orderNo) {
    const view = await d.call<ReturnOrderView>('returns:order', { orderNo: open.orderNo });
    const card = view.ok ? view.value.payments.find((p) => p.tender === 'card' && p.settled) : null;
    deps.cardholder(cardIdOf(card?.panMasked), TRAINING_PIN);
  }
  const res = await d.call<ReturnRun>(
    'returns:resume',
    { returnId: open.id, supervisor: SUPERVISOR },
    open.orderId,
  );
  if (!res.ok) return failed('return:resume', res);
  return {
    op: 'return:resume',
    ok: true,
    detail: res.value.problem?.code ?? res.value.return.state,
  };
}

/**
 * 按商品退货: an open return is carried on first; otherwise one or two lines
 * of an earlier paid order, some of their items (all that is left of every
 * line when part of an unsettled card payment can't be voided).
 */
export async function returnLines(
  w: OrderWork,
  r: Rng,
  deps: OrderDeps,
  /** Aiming at a return step's crash point: an order a card or QR paid (cash has no step to cut). */
  nonCash = false,
): Promise<Summary | null> {
  const d = deps.driver;
  const open = await d.call<{ returns: ReturnView[] }>('returns:open');
  const first = open.ok ? open.value.returns[0] : undefined;
  if (first && r.chance(0.7)) return resumeReturn(deps, first);
  const from = nonCash ? w.paid.filter((p) => !p.cashOnly) : w.paid;
  const pick = from.length ? from[r.int(from.length)] : undefined;
  if (!pick) return null;
  const found = await d.call<ReturnOrderView>('returns:order', { orderNo: pick.orderNo });
  if (!found.ok) return failed('return:find', found);
  const view = found.value;
  const left = view.lines.filter((l) => l.leftQty > 0);
  if (left.length === 0) {
    w.paid = w.paid.filter((p) => p.id !== pick.id);
    return null;
  }
  let lines = left
    .filter((_, i) => i === 0 || r.chance(0.4))
    .map((l) => ({ lineId: l.lineId, quantity: 1 + r.int(l.leftQty) }));
  let quote = await d.call<ReturnQuote>('returns:quote', { orderId: view.orderId, lines });
  if (!quote.ok && quote.error.code === 'RETURN_CARD_PARTIAL') {
    lines = left.map((l) => ({ lineId: l.lineId, quantity: l.leftQty }));
    quote = await d.call<ReturnQuote>('returns:quote', { orderId: view.orderId, lines });
  }
  if (!quote.ok) return failed('return:quote', quote);
  cardForRefunds(deps, quote.value.refunds, view);
  const res = await d.call<ReturnRun>(
    'returns:create',
    { orderId: view.orderId, lines, supervisor: SUPERVISOR },
    view.orderId,
  );
  if (!res.ok) return failed('return', res);
  const kinds = quote.value.refunds.map((s) => `${s.tender}-${s.kind}`).join('+');
  return {
    op: `return:${kinds}`,
    ok: true,
    detail: res.value.problem?.code ?? res.value.return.state,
  };
}
