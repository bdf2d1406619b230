import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  checkNewPassword,
  lockState,
  LOCKOUT_MS,
  passwordExpired,
  passwordLengthFor,
  roleForOperatorNo,
} from '../../../../main/domain/operators';

describe('operator rules', () => {
  it('gives 00 the supervisor role, 99 the administrator role, others cashier', () => {
    expect(roleForOperatorNo('00')).toBe('supervisor');
    expect(roleForOperatorNo('99')).toBe('admin');
    expect(roleForOperatorNo('01')).toBe('cashier');
    expect(roleForOperatorNo('98')).toBe('cashier');
  });

  it('asks 4 digits of cashiers, 6 of the supervisor, 8 of the administrator', () => {
    expect(passwordLengthFor('cashier')).toBe(4);
    expect(passwordLengthFor('supervisor')).toBe(6);
    expect(passwordLengthFor('admin')).toBe(8);
  });

  it('checks a new password: digits of the right length, not the old one, confirmed', () => {
    expect(checkNewPassword('cashier', '0000', '1357', '1357')).toEqual([]);
    expect(checkNewPassword('cashier', '0000', '135', '135')).toEqual([
      { field: 'newPassword', rule: 'passwordDigits', params: { length: 4 } },
    ]);
    expect(checkNewPassword('cashier', '0000', '12a4', '12a4')[0]?.rule).toBe('passwordDigits');
    expect(checkNewPassword('cashier', '0000', '0000', '0000')[0]?.rule).toBe('passwordSameAsOld');
    expect(checkNewPassword('admin', '12345678', '87654321', '87654320')).toEqual([
      { field: 'confirmPassword', rule: 'passwordMismatch' },
    ]);
  });

  it('locks for 15 minutes at the fifth wrong password', () => {
    const now = 1_000_000;
    let failed = 0;
    const left: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = afterFailedAttempt(failed, now);
      failed = r.failedAttempts;
      left.push(r.attemptsLeft);
      expect(r.lockedUntil).toBeNull();
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = afterFailedAttempt(failed, now);
    expect(fifth).toEqual({ failedAttempts: 5, lockedUntil: now + LOCKOUT_MS, attemptsLeft: 0 });
    expect(lockState(fifth.lockedUntil, now + LOCKOUT_MS - 1)).toEqual({
      locked: true,
      until: now + LOCKOUT_MS,
    });
    expect(lockState(fifth.lockedUntil, now + LOCKOUT_MS)).toEqual({ locked: false });
  });

  it('expires passwords after the configured number of days (0 = never)', () => {
    const day = 24 * 60 * 60 * 1000;
    expect(passwordExpired(0, 90, 90 * day)).toBe(false);
    expect(passwordExpired(0, 90, 90 * day + 1)).toBe(true);
    expect(passwordExpired(0, 0, 1000 * day)).toBe(false);
    expect(passwordExpired(null, 90, 1000 * day)).toBe(false);
  });
});
