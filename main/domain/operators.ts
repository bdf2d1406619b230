import type { FieldIssue, Role } from '../../preload/contract';

/** PRODUCT.md §2. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export const DEFAULT_OPERATORS: ReadonlyArray<{
  operatorNo: string;
  role: Role;
  name: string;
  defaultPassword: string;
}> = [
  { operatorNo: '00', role: 'supervisor', name: '主管', defaultPassword: '123456' },
  { operatorNo: '01', role: 'cashier', name: '收银员01', defaultPassword: '0000' },
  { operatorNo: '99', role: 'admin', name: '系统管理员', defaultPassword: '12345678' },
];

export function roleForOperatorNo(operatorNo: string): Role {
  if (operatorNo === '00') return 'supervisor';
  if (operatorNo === '99') return 'admin';
  return 'cashier';
}

/** 00 → 6 digits, 99 → 8 digits, cashiers → 4 digits. */
export function passwordLengthFor(role: Role): number {
  return role === 'admin' ? 8 : role === 'supervisor' ? 6 : 4;
}

/** Rule issues for a new password, as field issues the screen can show. */
export function checkNewPassword(
  role: Role,
  current: string,
  next: string,
  confirm: string,
): FieldIssue[] {
  const length = passwordLengthFor(role);
  const issues: FieldIssue[] = [];
  if (!new RegExp(`^\\d{${length}}$`).test(next)) {
    issues.push({ field: 'newPassword', rule: 'passwordDigits', params: { length } });
  } else if (next === current) {
    issues.push({ field: 'newPassword', rule: 'passwordSameAsOld' });
  }
  if (confirm !== next) issues.push({ field: 'confirmPassword', rule: 'passwordMismatch' });
  return issues;
}

export type LockState = { locked: true; until: number } | { locked: false };

export function lockState(lockedUntil: number | null, now: number): LockState {
  return lockedUntil !== null && lockedUntil > now
    ? { locked: true, until: lockedUntil }
    : { locked: false };
}

/** After one more wrong password: the new count and, at the limit, the lock's end. */
export function afterFailedAttempt(
  failedAttempts: number,
  now: number,
): { failedAttempts: number; lockedUntil: number | null; attemptsLeft: number } {
  const failed = failedAttempts + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) {
    return { failedAttempts: failed, lockedUntil: now + LOCKOUT_MS, attemptsLeft: 0 };
  }
  return { failedAttempts: failed, lockedUntil: null, attemptsLeft: MAX_FAILED_ATTEMPTS - failed };
}

export function passwordExpired(
  changedAt: number | null,
  expiryDays: number,
  now: number,
): boolean {
  if (expiryDays <= 0 || changedAt === null) return false;
  return now - changedAt > expiryDays * 24 * 60 * 60 * 1000;
}
