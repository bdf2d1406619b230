import { channelName } from '../../../preload/contract';
import type { Handler } from '../router';
import type { ApiServices } from '../types';
import { appHandlers } from './app';
import { cardHandlers, hostHandlers, keysHandlers } from './card';
import { pinpadHandlers } from './pinpad';
import { authHandlers } from './auth';
import { printHandlers } from './print';
import { qrHandlers, transactionsHandlers } from './qr';
import { scannerHandlers } from './scanner';
import { settlementHandlers } from './settlement';
import { syncHandlers } from './sync';
import { voidsHandlers } from './voids';
import { refundsHandlers } from './refunds';
import { preauthHandlers } from './preauth';
import { operatorsHandlers } from './operators';
import { auditHandlers } from './audit';
import { reportsHandlers } from './reports';
import { dataHandlers } from './data';
import { recoveryHandlers } from './recovery';
import { diagnosticsHandlers } from './diagnostics';
import { peripheralsHandlers } from './peripherals';
import { saleHandlers } from './sale';
import { orderHandlers } from './order';
import { setupHandlers } from './setup';
import { catalogueHandlers } from './catalogue';
import { cashHandlers } from './cash';
import { returnsHandlers } from './returns';

/** Every contract channel's handler, keyed by wire name (`domain:method`). */
export function createHandlers(s: ApiServices): Record<string, Handler> {
  const byDomain = {
    app: appHandlers(s),
    setup: setupHandlers(s),
    auth: authHandlers(s),
    sale: saleHandlers(s),
    order: orderHandlers(s),
    print: printHandlers(s),
    card: cardHandlers(s),
    host: hostHandlers(s),
    pinpad: pinpadHandlers(s),
    keys: keysHandlers(s),
    qr: qrHandlers(s),
    transactions: transactionsHandlers(s),
    scanner: scannerHandlers(s),
    settlement: settlementHandlers(s),
    sync: syncHandlers(s),
    voids: voidsHandlers(s),
    refunds: refundsHandlers(s),
    preauth: preauthHandlers(s),
    operators: operatorsHandlers(s),
    audit: auditHandlers(s),
    reports: reportsHandlers(s),
    data: dataHandlers(s),
    diagnostics: diagnosticsHandlers(s),
    peripherals: peripheralsHandlers(s),
    catalogue: catalogueHandlers(s),
    cash: cashHandlers(s),
    returns: returnsHandlers(s),
    recovery: recoveryHandlers(),
  };
  const flat: Record<string, Handler> = {};
  for (const [domain, methods] of Object.entries(byDomain)) {
    for (const [method, fn] of Object.entries(methods)) {
      flat[channelName(domain, method)] = fn as Handler;
    }
  }
  return flat;
}
