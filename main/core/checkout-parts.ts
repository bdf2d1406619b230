import type { Repositories } from '../db';
import type { CardService } from '../services/cards/card-service';
import type { Catalogue } from '../services/checkout/catalogue-port';
import { createOrderPayments } from '../services/checkout/order-payments';
import { createOrderService, type Approve } from '../services/checkout/order-service';
import { createSaleService } from '../services/checkout/sale-service';
import { createCheckoutRules } from '../services/checkout/checkout-rules';
import type { PrintService } from '../services/printing/print-service';
import type { QrService } from '../services/qr/qr-service';
import type { SettingsStore } from '../settings/store';
import type { Clock } from './clock';
import type { Logger } from './logger';

/**
 * The checkout (PRODUCT.md §12), wired once for the composition root: the
 * basket (orders), paying it (cash, card, QR through their own services), and
 * the one-call sales that make an order of a keypad amount.
 */
export function buildCheckout(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  print: PrintService;
  card: CardService;
  qr: QrService;
  catalogue: Catalogue;
  approve: Approve;
  onCashPaid(tenderedFen: number, changeFen: number): void;
}) {
  const { repos, settings, clock, logger, print } = deps;
  const orders = createOrderService({
    repos,
    settings,
    clock,
    catalogue: deps.catalogue,
    approve: deps.approve,
  });
  const orderPayments = createOrderPayments({
    repos,
    settings,
    clock,
    logger,
    print,
    card: deps.card,
    qr: deps.qr,
    onCashPaid: deps.onCashPaid,
  });
  const sale = createSaleService({ repos, settings, print, orders, payments: orderPayments });
  const checkoutRules = createCheckoutRules({ repos, settings, clock });
  return { orders, orderPayments, sale, checkoutRules };
}
