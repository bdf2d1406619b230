import type { ApiServices, DomainHandlers } from '../types';
import { payingSession, requireSession } from '../types';

export function orderHandlers(s: ApiServices): DomainHandlers<'order'> {
  return {
    current: () => ({ order: s.orders.current() }),
    get: ({ orderId }) => s.orders.view(orderId),
    scan: (input, ctx) => s.orders.scan(input, requireSession(ctx)),
    addProduct: (input, ctx) => s.orders.addProduct(input, requireSession(ctx)),
    addOpenLine: (input, ctx) => s.orders.addOpenLine(input, requireSession(ctx)),
    setQuantity: (input, ctx) => s.orders.setQuantity(input, requireSession(ctx)),
    removeLine: (input, ctx) => s.orders.removeLine(input, requireSession(ctx)),
    setLineDiscount: (input, ctx) => s.orders.setLineDiscount(input, requireSession(ctx)),
    overridePrice: (input, ctx) => s.orders.overridePrice(input, requireSession(ctx)),
    setOrderDiscount: (input, ctx) => s.orders.setOrderDiscount(input, requireSession(ctx)),
    hold: (_input, ctx) => s.orders.hold(requireSession(ctx)),
    listHeld: () => s.orders.listHeld(),
    recall: ({ orderId }, ctx) => s.orders.recall(orderId, requireSession(ctx)),
    cancel: (input, ctx) => s.orders.cancel(input, requireSession(ctx)),
    payCash: ({ orderId, tenderedFen }, ctx) =>
      s.orderPayments.payCash(orderId, tenderedFen, payingSession(s, ctx)),
    payCard: ({ orderId, amountFen }, ctx) =>
      s.orderPayments.payCard(orderId, payingSession(s, ctx), amountFen),
    payQr: ({ orderId, code, amountFen }, ctx) =>
      s.orderPayments.payQr(orderId, code, payingSession(s, ctx), amountFen),
    reprint: ({ orderId }) => s.orderPayments.reprint(orderId),
    abandon: (input, ctx) => s.orderUndo.abandon(input, requireSession(ctx)),
    undoNext: ({ orderId }, ctx) => s.orderUndo.next(orderId, requireSession(ctx)),
    undoState: ({ orderId }) => s.orderUndo.state(orderId),
    getRules: () => s.checkoutRules.get(),
    saveRules: (input, ctx) => s.checkoutRules.save(input, requireSession(ctx).operatorNo),
  };
}
