import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { cards } from './002-cards';
import { qr } from './003-qr';
import { settlement } from './004-settlement';
import { sync } from './005-sync';
import { operators } from './006-operators';
import { reportIndexes } from './007-report-indexes';
import { printerTargets } from './008-printer-targets';
import { catalogue } from './009-catalogue';
import { orders } from './010-orders';
import { flatCost } from './011-flat-cost';
import { requestOutcomes } from './012-request-outcomes';
import { salesReportIndexes } from './013-sales-report-indexes';
import { orderUndo } from './014-order-undo';
import { cashDrawer } from './015-cash-drawer';
import { returns } from './016-returns';
import { salesDayFolds } from './017-sales-day-folds';
import { salePages } from './018-sale-pages';
import { batchCardCounts } from './019-batch-card-counts';

/** Ordered, forward-only. Append new migrations; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  cards,
  qr,
  settlement,
  sync,
  operators,
  reportIndexes,
  printerTargets,
  catalogue,
  orders,
  flatCost,
  requestOutcomes,
  salesReportIndexes,
  orderUndo,
  cashDrawer,
  returns,
  salesDayFolds,
  salePages,
  batchCardCounts,
];
