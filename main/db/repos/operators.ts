import type { Db } from '../connection';
import type { Role } from '../../../preload/contract';

export interface OperatorRecord {
  operatorNo: string;
  role: Role;
  name: string;
  passwordHash: string;
  mustChangePassword: boolean;
  passwordReason: 'default' | 'reset' | null;
  passwordChangedAt: number | null;
  failedAttempts: number;
  lockedUntil: number | null;
  disabled: boolean;
  createdAt: number;
}

interface OperatorRow {
  operator_no: string;
  role: Role;
  name: string;
  password_hash: string;
  must_change_password: number;
  password_reason: 'default' | 'reset' | null;
  password_changed_at: number | null;
  failed_attempts: number;
  locked_until: number | null;
  disabled: number;
  created_at: number;
}

function fromRow(r: OperatorRow): OperatorRecord {
  return {
    operatorNo: r.operator_no,
    role: r.role,
    name: r.name,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    passwordReason: r.password_reason,
    passwordChangedAt: r.password_changed_at,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

export function createOperatorsRepo(db: Db) {
  const get = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE operator_no = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM operators');
  const insert = db.prepare(
    `INSERT INTO operators (operator_no, role, name, password_hash, must_change_password,
       password_reason, password_changed_at, created_at)
     VALUES (@operatorNo, @role, @name, @passwordHash, @mustChange, @reason, NULL, @now)`,
  );
  const setFailures = db.prepare(
    'UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE operator_no = ?',
  );
  const setPassword = db.prepare(
    `UPDATE operators SET password_hash = ?, must_change_password = 0, password_reason = NULL,
       password_changed_at = ?, failed_attempts = 0, locked_until = NULL
     WHERE operator_no = ?`,
  );

  const all = db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY operator_no');
  const addHistory = db.prepare(
    'INSERT INTO password_history (operator_no, password_hash, set_at) VALUES (?, ?, ?)',
  );
  const history = db.prepare<[string, number], { password_hash: string }>(
    'SELECT password_hash FROM password_history WHERE operator_no = ? ORDER BY id DESC LIMIT ?',
  );
  const rename = db.prepare('UPDATE operators SET name = ? WHERE operator_no = ?');
  const setDisabled = db.prepare('UPDATE operators SET disabled = ? WHERE operator_no = ?');
  const remove = db.prepare('DELETE FROM operators WHERE operator_no = ?');
  const resetPassword = db.prepare(
    `UPDATE operators SET password_hash = ?, must_change_password = 1, password_reason = 'reset',
       password_changed_at = ?, failed_attempts = 0, locked_until = NULL
     WHERE operator_no = ?`,
  );
  // Every table whose rows name an operator by a foreign key: deleting one of
  // theirs would fail on the constraint (answered INTERNAL) — a cashier who
  // only ever signed in has a shift, one who parked a basket has an order.
  const hasRecords = db.prepare<[string, string, string, string], { n: number }>(
    `SELECT EXISTS (SELECT 1 FROM transactions WHERE operator_no = ?)
          + EXISTS (SELECT 1 FROM orders WHERE operator_no = ?)
          + EXISTS (SELECT 1 FROM shifts WHERE operator_no = ?)
          + EXISTS (SELECT 1 FROM settlements WHERE operator_no = ?) AS n`,
  );

  return {
    list(): OperatorRecord[] {
      return all.all().map(fromRow);
    },
    /** A new cashier with the password the manager gave, to be changed at first sign-in. */
    insertWithTemporaryPassword(op: {
      operatorNo: string;
      role: Role;
      name: string;
      passwordHash: string;
      now: number;
    }): void {
      insert.run({ ...op, mustChange: 1, reason: 'reset' });
      addHistory.run(op.operatorNo, op.passwordHash, op.now);
    },
    rename(operatorNo: string, name: string): boolean {
      return rename.run(name, operatorNo).changes === 1;
    },
    setDisabled(operatorNo: string, disabled: boolean): boolean {
      return setDisabled.run(disabled ? 1 : 0, operatorNo).changes === 1;
    },
    remove(operatorNo: string): boolean {
      return remove.run(operatorNo).changes === 1;
    },
    /** The manager's reset: a temporary password, changed at the next sign-in; any lock lifted. */
    resetPassword(operatorNo: string, passwordHash: string, now: number): void {
      resetPassword.run(passwordHash, now, operatorNo);
      addHistory.run(operatorNo, passwordHash, now);
    },
    /** Whether anything kept (transactions, orders, shifts, settlements) names them. */
    hasRecords(operatorNo: string): boolean {
      const no = operatorNo;
      return (hasRecords.get(no, no, no, no)?.n ?? 0) > 0;
    },
    /** The hashes of the operator's last `n` passwords, newest first. */
    recentPasswordHashes(operatorNo: string, n: number): string[] {
      return history.all(operatorNo, n).map((r) => r.password_hash);
    },
    get(operatorNo: string): OperatorRecord | null {
      const row = get.get(operatorNo);
      return row ? fromRow(row) : null;
    },
    count(): number {
      return count.get()?.n ?? 0;
    },
    insertWithDefaultPassword(op: {
      operatorNo: string;
      role: Role;
      name: string;
      passwordHash: string;
      now: number;
    }): void {
      insert.run({ ...op, mustChange: 1, reason: 'default' });
      addHistory.run(op.operatorNo, op.passwordHash, op.now);
    },
    setFailures(operatorNo: string, failedAttempts: number, lockedUntil: number | null): void {
      setFailures.run(failedAttempts, lockedUntil, operatorNo);
    },
    setPassword(operatorNo: string, passwordHash: string, now: number): void {
      setPassword.run(passwordHash, now, operatorNo);
      addHistory.run(operatorNo, passwordHash, now);
    },
  };
}
export type OperatorsRepo = ReturnType<typeof createOperatorsRepo>;
