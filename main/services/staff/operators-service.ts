import type { OperatorView, Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { OperatorRecord, Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { passwordLengthFor } from '../../domain/operators';
import type { PasswordHasher } from './password-hasher';

/**
 * The manager's operator screens (PRODUCT.md §2). The supervisor (00) adds,
 * renames, disables, removes, resets and unlocks cashiers; the technician (99)
 * may only reset or unlock the supervisor (a forgotten 00 password must not
 * stop the shop). Every change is audited with who made it, old → new.
 */
export function createOperatorsService(deps: {
  repos: Repositories;
  hasher: PasswordHasher;
  clock: Clock;
}) {
  const { repos, hasher, clock } = deps;

  function view(op: OperatorRecord): OperatorView {
    const now = clock.now();
    return {
      operatorNo: op.operatorNo,
      role: op.role,
      name: op.name,
      disabled: op.disabled,
      lockedUntil: op.lockedUntil !== null && op.lockedUntil > now ? iso(op.lockedUntil) : null,
      mustChangePassword: op.mustChangePassword,
      passwordChangedAt: op.passwordChangedAt !== null ? iso(op.passwordChangedAt) : null,
      onShift: repos.shifts.current(op.operatorNo) !== null,
    };
  }

  /** The operator `actor` may manage for `what`, or a clear refusal. */
  function target(actor: Session, operatorNo: string, what: 'manage' | 'credentials') {
    const op = repos.operators.get(operatorNo);
    if (!op) fail('UNKNOWN_OPERATOR', { operatorNo });
    const allowed =
      actor.role === 'supervisor'
        ? op.role === 'cashier'
        : actor.role === 'admin' && what === 'credentials' && op.role === 'supervisor';
    if (!allowed) fail('OPERATOR_NOT_MANAGED', { operatorNo, role: actor.role });
    return op;
  }

  function audit(actor: Session, action: string, detail: Record<string, unknown>) {
    repos.audit.append({ operatorNo: actor.operatorNo, action, detail }, clock.now());
  }

  function reload(operatorNo: string): OperatorView {
    const op = repos.operators.get(operatorNo);
    if (!op) fail('UNKNOWN_OPERATOR', { operatorNo });
    return view(op);
  }

  function checkTemporaryPassword(role: OperatorRecord['role'], password: string) {
    const length = passwordLengthFor(role);
    if (!new RegExp(`^\\d{${length}}$`).test(password))
      failFields([{ field: 'password', rule: 'passwordDigits', params: { length } }]);
  }

  function refuseOnShift(op: OperatorRecord) {
    if (repos.shifts.current(op.operatorNo))
      fail('OPERATOR_ON_SHIFT', { operatorNo: op.operatorNo });
  }

  return {
    list(actor: Session): OperatorView[] {
      return repos.operators
        .list()
        .filter((op) => (actor.role === 'admin' ? op.role !== 'cashier' : true))
        .map(view);
    },

    async add(
      input: { operatorNo: string; name: string; password: string },
      actor: Session,
    ): Promise<OperatorView> {
      if (actor.role !== 'supervisor') fail('OPERATOR_NOT_MANAGED', { role: actor.role });
      if (repos.operators.get(input.operatorNo))
        fail('OPERATOR_EXISTS', { operatorNo: input.operatorNo });
      checkTemporaryPassword('cashier', input.password);
      const passwordHash = await hasher.hash(input.password);
      repos.inTransaction(() => {
        // Checked again under the write lock: two managers adding the same number.
        if (repos.operators.get(input.operatorNo))
          fail('OPERATOR_EXISTS', { operatorNo: input.operatorNo });
        repos.operators.insertWithTemporaryPassword({
          operatorNo: input.operatorNo,
          role: 'cashier',
          name: input.name,
          passwordHash,
          now: clock.now(),
        });
        audit(actor, 'operator.added', { operatorNo: input.operatorNo, name: input.name });
      });
      return reload(input.operatorNo);
    },

    rename(input: { operatorNo: string; name: string }, actor: Session): OperatorView {
      const op = target(actor, input.operatorNo, 'manage');
      repos.inTransaction(() => {
        repos.operators.rename(op.operatorNo, input.name);
        audit(actor, 'operator.renamed', {
          operatorNo: op.operatorNo,
          from: op.name,
          to: input.name,
        });
      });
      return reload(op.operatorNo);
    },

    setDisabled(input: { operatorNo: string; disabled: boolean }, actor: Session): OperatorView {
      const op = target(actor, input.operatorNo, 'manage');
      if (input.disabled) refuseOnShift(op);
      repos.inTransaction(() => {
        repos.operators.setDisabled(op.operatorNo, input.disabled);
        audit(actor, input.disabled ? 'operator.disabled' : 'operator.enabled', {
          operatorNo: op.operatorNo,
        });
      });
      return reload(op.operatorNo);
    },

    remove(input: { operatorNo: string }, actor: Session): Record<string, never> {
      const op = target(actor, input.operatorNo, 'manage');
      refuseOnShift(op);
      // Their transactions, orders and shifts name them for as long as the journal is kept.
      if (repos.operators.hasRecords(op.operatorNo))
        fail('OPERATOR_HAS_TRANSACTIONS', { operatorNo: op.operatorNo });
      repos.inTransaction(() => {
        repos.operators.remove(op.operatorNo);
        audit(actor, 'operator.removed', { operatorNo: op.operatorNo, name: op.name });
      });
      return {};
    },

    async resetPassword(
      input: { operatorNo: string; password: string },
      actor: Session,
    ): Promise<OperatorView> {
      const op = target(actor, input.operatorNo, 'credentials');
      checkTemporaryPassword(op.role, input.password);
      const passwordHash = await hasher.hash(input.password);
      repos.inTransaction(() => {
        repos.operators.resetPassword(op.operatorNo, passwordHash, clock.now());
        audit(actor, 'operator.passwordReset', { operatorNo: op.operatorNo });
      });
      return reload(op.operatorNo);
    },

    unlock(input: { operatorNo: string }, actor: Session): OperatorView {
      const op = target(actor, input.operatorNo, 'credentials');
      repos.inTransaction(() => {
        repos.operators.setFailures(op.operatorNo, 0, null);
        audit(actor, 'operator.unlocked', { operatorNo: op.operatorNo });
      });
      return reload(op.operatorNo);
    },
  };
}
export type OperatorsService = ReturnType<typeof createOperatorsService>;
