import { createCheckpointer } from './checkpoints';
import type { Db } from './connection';
import type { NumberGuard } from './number-marks';
import { createAuditRepo } from './repos/audit';
import { createCashDrawerRepo } from './repos/cash-drawer';
import { createCatalogueRepo } from './repos/catalogue';
import { createCountersRepo } from './repos/counters';
import { createExportsRepo } from './repos/exports';
import { createOperatorsRepo } from './repos/operators';
import { createOrdersRepo } from './repos/orders';
import { createOrderUndoRepo } from './repos/order-undo';
import { createOutboxRepo } from './repos/outbox';
import { createPrintJobsRepo } from './repos/print-jobs';
import { createQrPaymentsRepo } from './repos/qr-payments';
import { createSalesReportRepo } from './repos/sales-report';
import { createReportsRepo } from './repos/reports';
import { createRequestOutcomesRepo } from './repos/request-outcomes';
import { createReturnsRepo } from './repos/returns';
import { crashPoint } from '../core/crash-point';
import { currentRequest } from '../core/request-scope';
import { createSecretsRepo } from './repos/secrets';
import { createSettlementsRepo } from './repos/settlements';
import { createShiftsRepo } from './repos/shifts';
import { createSyncRepo } from './repos/sync';
import { createTransactionQueryRepo } from './repos/transaction-query';
import { createTransactionsRepo } from './repos/transactions';

/** All repositories over one connection, plus the unit of work that spans them. */
/** `guard` keeps the numbers' high-water file ahead of what is handed out (issue 16). */
export function createRepositories(db: Db, guard?: NumberGuard) {
  const requests = createRequestOutcomesRepo(db);
  const noFsync = db.prepare('PRAGMA synchronous = NORMAL');
  const syncNow = db.prepare<[], { synchronous: number }>('PRAGMA synchronous');
  // Back to the level it was (FULL on a till; a bench may run a stretch with OFF).
  const syncBack = [0, 1, 2, 3].map((level) => db.prepare(`PRAGMA synchronous = ${level}`));
  const checkpoints = createCheckpointer(db);
  /** Runs `fn` as a write transaction; an outermost one counts towards the next checkpoint. */
  const write = <T>(fn: () => T): T => {
    if (db.inTransaction) return db.transaction(fn).immediate();
    const result = db
      .transaction(() => {
        const r = fn();
        crashPoint('commit:before');
        return r;
      })
      .immediate();
    crashPoint('commit:after');
    checkpoints.committed();
    return result;
  };
  /** Whether an outer unit of work is already recording the call (it covers nested ones). */
  let recording = false;
  /**
   * `fn`, recording the state-changing call it belongs to (if any) with what
   * it changed. Only the outermost unit of work records: its mark is taken
   * before any nested one runs and its stamp covers what they inserted.
   */
  const forRequest =
    <T>(fn: () => T) =>
    (): T => {
      const scope = recording ? undefined : currentRequest();
      if (!scope) return fn();
      const mark = requests.transactionsMark();
      recording = true;
      let result: T;
      try {
        result = fn();
      } finally {
        recording = false;
      }
      requests.recordChange(scope, mark);
      scope.recorded = true;
      return result;
    };
  return {
    requests,
    operators: createOperatorsRepo(db),
    counters: createCountersRepo(db, guard),
    transactions: createTransactionsRepo(db),
    orders: createOrdersRepo(db, guard),
    orderUndo: createOrderUndoRepo(db),
    qrPayments: createQrPaymentsRepo(db),
    outbox: createOutboxRepo(db),
    printJobs: createPrintJobsRepo(db),
    audit: createAuditRepo(db),
    secrets: createSecretsRepo(db),
    settlements: createSettlementsRepo(db),
    sync: createSyncRepo(db),
    exports: createExportsRepo(db),
    shifts: createShiftsRepo(db),
    cashDrawer: createCashDrawerRepo(db),
    transactionQuery: createTransactionQueryRepo(db),
    reports: createReportsRepo(db),
    salesReport: createSalesReportRepo(db),
    catalogue: createCatalogueRepo(db),
    returns: createReturnsRepo(db),
    /**
     * Runs `fn` in one SQLite transaction (BEGIN IMMEDIATE, so the write lock is
     * taken up front): everything it writes commits together or not at all.
     * Inside a state-changing contract call the call's request id is recorded
     * in the same transaction (see request-scope.ts and migration 012).
     */
    inTransaction<T>(fn: () => T): T {
      return write(forRequest(fn));
    },
    /**
     * Like inTransaction, but the commit doesn't wait for the disk (WAL with
     * synchronous=NORMAL): it survives the app crashing, not a power cut, and
     * the next durable commit makes it durable too. Only for state the app
     * redoes safely if it is lost — the print queue's marks: a job not seen
     * as printed prints again after a power cut, as it always could (PRODUCT.md
     * §5). Money never goes through here. Inside another transaction it is
     * simply part of that one.
     */
    withoutFsync<T>(fn: () => T): T {
      if (db.inTransaction) return fn();
      const level = syncNow.get()?.synchronous ?? 2;
      if (level <= 1) return write(fn);
      noFsync.run();
      try {
        return write(fn);
      } finally {
        (syncBack[level] ?? syncBack[2])?.run();
      }
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

export { openDatabase, type Db } from './connection';
export { DatabaseFromFutureError } from './migrate';
export type { OperatorRecord } from './repos/operators';
export type {
  TransactionRecord,
  SaleItemRecord,
  CardFacts,
  HostAnswer,
  QrFacts,
} from './repos/transactions';
export type { OutboxRecord } from './repos/outbox';
export type { OrderRecord, OrderLineRecord, NewOrderLine, HeldOrderRecord } from './repos/orders';
export type { OrderUndoRecord, UndoStepRecord } from './repos/order-undo';
export type { PrintJobRecord } from './repos/print-jobs';
export type { AuditRecord, AuditEntry } from './repos/audit';
export type { ProductRecord, ProductWrite, CategoryRecord } from './repos/catalogue';
export type { RequestOutcomeRecord } from './repos/request-outcomes';
export type {
  ReturnRecord,
  ReturnLineRecord,
  ReturnStepRecord,
  ReturnedLineRecord,
  ReturnableOrderRecord,
} from './repos/returns';
