import type {
  ApprovalAction,
  CashCount,
  CashMovement,
  CashRules,
  CashStatus,
  CountInput,
  DrawerFigures,
  PrintJob,
  Session,
  ShiftSummary,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { Repositories } from '../../db';
import type { CashCountRecord, CashMovementRecord } from '../../db/repos/cash-drawer';
import { buildCashSlip, denominationsTotal, shiftDrawer } from '../../domain/cash-drawer';
import { diffParameters } from '../../domain/terminal-params';
import { fail, failFields } from '../../domain/errors';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { receiptTerminal } from '../printing/receipts';
import { shiftSums } from './drawer-figures';

const toMovement = (m: CashMovementRecord): CashMovement => ({
  id: m.id,
  kind: m.kind,
  amountFen: m.amountFen,
  reason: m.reason,
  approvedBy: m.approvedBy,
  at: iso(m.createdAt),
});

const toCount = (c: CashCountRecord): CashCount => ({
  countedFen: c.countedFen,
  denominations: c.denominations
    ? (JSON.parse(c.denominations) as CashCount['denominations'])
    : null,
  countedAt: iso(c.countedAt),
  drawer: JSON.parse(c.figures) as DrawerFigures,
});

/**
 * 钱箱管理 (PRODUCT.md §13, issue 15): the opening float (备用金), paid-in and
 * paid-out (收入 / 支出) with the supervisor, and the blind count at 交班.
 * Each movement commits in one SQLite transaction with its audit row and the
 * slip that opens the drawer, so a crash keeps all or none of them; the count
 * commits with its audit row and the printed shift report. The expected cash
 * is never answered before the count is recorded.
 */
export function createCashDrawerService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  print: PrintService;
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
  /** The signed-in operator's 交班 summary so far. */
  shift(): ShiftSummary;
  /** Queues the shift report inside the caller's transaction; its print job id. */
  enqueueShiftReport(session: Session, now: number): number;
}) {
  const { repos, settings, clock, print } = deps;

  function openShift(session: Session) {
    const shift = repos.shifts.current(session.operatorNo);
    if (!shift) fail('NOT_SIGNED_IN');
    return shift;
  }

  function status(session: Session): CashStatus {
    const shift = openShift(session);
    const movements = repos.cashDrawer.movements(shift.id);
    const count = repos.cashDrawer.count(shift.id);
    return {
      shiftId: shift.id,
      floatRequired: settings.get().cash.floatRequired,
      floatFen: movements.find((m) => m.kind === 'float')?.amountFen ?? null,
      movements: movements.map(toMovement),
      count: count ? toCount(count) : null,
    };
  }

  /** One movement, its audit rows and its drawer-opening slip, all in one transaction. */
  function record(
    session: Session,
    m: {
      kind: 'float' | 'in' | 'out';
      amountFen: number;
      reason: string;
      approvedBy: string | null;
    },
  ): { id: number; jobId: number | null } {
    const now = clock.now();
    const done = repos.inTransaction(() => {
      const shift = openShift(session);
      // After the count the drawer is closed for the shift: a later movement would make it wrong.
      if (repos.cashDrawer.count(shift.id)) fail('CASH_COUNTED');
      if (m.kind === 'float' && repos.cashDrawer.hasFloat(shift.id)) fail('CASH_FLOAT_SET');
      const batchNo =
        m.kind === 'float'
          ? repos.counters.currentBatch(now)
          : repos.counters.batchForTransaction(now);
      const id = repos.cashDrawer.insertMovement({
        shiftId: shift.id,
        operatorNo: session.operatorNo,
        ...m,
        batchNo,
        createdAt: now,
      });
      // A ¥0.00 float puts nothing in the drawer: no slip and no drawer opening, only the record.
      const jobId =
        m.amountFen === 0
          ? null
          : print.enqueue(
              buildCashSlip(receiptTerminal(settings), {
                ...m,
                operatorNo: session.operatorNo,
                at: now,
                training: isTraining(settings.get()),
              }),
              { txId: null, kind: 'report', copy: null },
            );
      const action = { float: 'cash.float', in: 'cash.paidIn', out: 'cash.paidOut' }[m.kind];
      repos.audit.append(
        {
          operatorNo: session.operatorNo,
          action,
          detail: {
            shiftId: shift.id,
            movementId: id,
            amountFen: m.amountFen,
            reason: m.reason,
            approvedBy: m.approvedBy,
          },
        },
        now,
      );
      // Every drawer opening is audited (PRODUCT.md §13).
      if (jobId !== null)
        repos.audit.append(
          {
            operatorNo: session.operatorNo,
            action: 'drawer.opened',
            detail: { reason: action, jobId },
          },
          now,
        );
      return { id, jobId };
    });
    if (done.jobId !== null) print.kick();
    return done;
  }

  const rules = (): CashRules => ({ floatRequired: settings.get().cash.floatRequired });

  return {
    status,
    rules,

    /** Turns the float rule on or off: the parameter file first, then its audit row. */
    saveRules(next: CashRules, operatorNo: string): CashRules {
      const before = settings.get();
      const after = { ...before, cash: { ...before.cash, ...next } };
      settings.save(after);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { changes: diffParameters(before, after) },
        },
        clock.now(),
      );
      return rules();
    },

    /**
     * Before any payment (sale or order, any tender): a cashier's shift needs
     * its opening float first, so the drawer's figures start from a counted
     * amount (PRODUCT.md §13), unless the shop doesn't keep floats. Only
     * cashiers take payments (the access table), so only their shifts ask.
     */
    requireFloat(session: Session): void {
      if (session.role !== 'cashier' || !settings.get().cash.floatRequired) return;
      const shift = repos.shifts.current(session.operatorNo);
      if (shift && !repos.cashDrawer.hasFloat(shift.id)) fail('FLOAT_REQUIRED');
    },

    /** 备用金: once per shift, may be 0. */
    setFloat(session: Session, amountFen: number): CashStatus {
      record(session, { kind: 'float', amountFen, reason: '', approvedBy: null });
      return status(session);
    },

    /** 收入 / 支出: the supervisor approves at the moment; the drawer opens. */
    async move(
      session: Session,
      input: {
        kind: 'in' | 'out';
        amountFen: number;
        reason: string;
        supervisor: { operatorNo: string; password: string };
      },
    ): Promise<{ movement: CashMovement; printJobs: PrintJob[] }> {
      // Refused before the supervisor is asked, so a wrong try isn't spent on it.
      const shift = openShift(session);
      if (repos.cashDrawer.count(shift.id)) fail('CASH_COUNTED');
      const approvedBy = await deps.approve(
        input.supervisor.operatorNo,
        input.supervisor.password,
        input.kind === 'in' ? 'cash.paidIn' : 'cash.paidOut',
        { amountFen: input.amountFen, reason: input.reason },
      );
      const { id, jobId } = record(session, {
        kind: input.kind,
        amountFen: input.amountFen,
        reason: input.reason,
        approvedBy,
      });
      const movement = repos.cashDrawer.movements(shift.id).find((m) => m.id === id);
      if (!movement) fail('INTERNAL');
      return {
        movement: toMovement(movement),
        printJobs: jobId === null ? [] : print.view([jobId]),
      };
    },

    /**
     * 交班: a cashier's shift ends only with its blind count (PRODUCT.md §13;
     * the float rule doesn't change that: a shop without floats still takes
     * cash). The count made before is kept; one carried by the sign-off is
     * recorded now (with its printed shift report); none is refused. Others
     * have no drawer, so a count from them is a mistake named as such.
     */
    closeForSignOff(session: Session, input: CountInput | undefined): CashCount | null {
      if (session.role !== 'cashier') {
        if (input) failFields([{ field: 'count', rule: 'countCashierOnly' }]);
        return null;
      }
      const counted = repos.cashDrawer.count(openShift(session).id);
      if (counted) {
        if (input) fail('CASH_COUNTED');
        return toCount(counted);
      }
      if (!input) fail('CASH_COUNT_REQUIRED');
      return this.count(session, input).count;
    },

    /**
     * 交班 blind count: the count is recorded first, with the figures as they
     * stand, and only then is the expected amount answered. Once per shift.
     */
    count(
      session: Session,
      input: CountInput,
    ): { count: CashCount; shift: ShiftSummary; printJobs: PrintJob[] } {
      const countedFen =
        input.by === 'total' ? input.countedFen : denominationsTotal(input.denominations);
      const now = clock.now();
      const jobId = repos.inTransaction(() => {
        const shift = openShift(session);
        if (repos.cashDrawer.count(shift.id)) fail('CASH_COUNTED');
        const figures = shiftDrawer(shiftSums(repos, shift, now), countedFen);
        repos.cashDrawer.insertCount({
          shiftId: shift.id,
          operatorNo: session.operatorNo,
          countedFen,
          expectedFen: figures.expectedFen ?? 0,
          overShortFen: figures.overShortFen ?? 0,
          denominations:
            input.by === 'denominations'
              ? JSON.stringify(input.denominations.filter((d) => d.pieces > 0))
              : null,
          figures: JSON.stringify(figures),
          batchNo: repos.counters.currentBatch(now),
          countedAt: now,
        });
        repos.audit.append(
          {
            operatorNo: session.operatorNo,
            action: 'cash.counted',
            detail: {
              shiftId: shift.id,
              countedFen,
              expectedFen: figures.expectedFen,
              overShortFen: figures.overShortFen,
            },
          },
          now,
        );
        return deps.enqueueShiftReport(session, now);
      });
      print.kick();
      const c = repos.cashDrawer.count(openShift(session).id);
      if (!c) fail('INTERNAL');
      return { count: toCount(c), shift: deps.shift(), printJobs: print.view([jobId]) };
    },
  };
}
export type CashDrawerService = ReturnType<typeof createCashDrawerService>;
