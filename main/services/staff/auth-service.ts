import type {
  ApprovalAction,
  HostSignInOutcome,
  Session,
  ShiftSummary,
  SignInResult,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import {
  DEFAULT_OPERATORS,
  afterFailedAttempt,
  checkNewPassword,
  lockState,
  passwordExpired,
  passwordLengthFor,
  roleForOperatorNo,
} from '../../domain/operators';
import { shiftTotals } from '../../domain/shift';
import type { SettingsStore } from '../../settings/store';
import type { PasswordHasher } from './password-hasher';
import type { SessionState } from './session';

export interface AuthDeps {
  repos: Repositories;
  hasher: PasswordHasher;
  clock: Clock;
  settings: SettingsStore;
  session: SessionState;
  /**
   * Signs the terminal in to the acquirer host for an operator who takes
   * payments (cashiers, supervisor). Its failure never blocks the local sign-in.
   */
  hostSignIn?(operatorNo: string): Promise<HostSignInOutcome>;
  /** In the sign-off's SQLite transaction: the basket at the counter is held for later. */
  onSignOff?(session: Session): void;
}

/** A new password may not repeat any of the operator's last three. */
const PASSWORD_HISTORY = 3;

const NOT_ATTEMPTED: HostSignInOutcome = {
  attempted: false,
  ok: false,
  hostTime: null,
  error: null,
};

/** Local sign-in of operators (PRODUCT.md §2–3): passwords, lockout, forced change. */
export function createAuthService({
  repos,
  hasher,
  clock,
  settings,
  session,
  hostSignIn,
  onSignOff,
}: AuthDeps) {
  /**
   * Verifies number + password, counting failures and locking at the limit.
   *
   * The attempt is counted BEFORE the slow hash check, in one SQLite
   * transaction with the lock check (issue 16): guesses sent in parallel each
   * take one of the attempts left, the one that takes the last sets the lock,
   * and any guess after that is refused without a hash — so 30 parallel
   * guesses lock after exactly 5, as 5 in a row do. A right password then
   * gives its attempt back (the count and any lock it set are cleared).
   */
  async function verify(operatorNo: string, password: string) {
    // Enter pressed before typing is a slip, not a guess: refused without taking an attempt.
    if (password === '') failFields([{ field: 'password', rule: 'passwordEmpty' }]);
    const now = clock.now();
    const { op, after } = repos.inTransaction(() => {
      const op = repos.operators.get(operatorNo);
      if (!op) fail('UNKNOWN_OPERATOR', { operatorNo });
      if (op.disabled) fail('OPERATOR_DISABLED', { operatorNo });
      const lock = lockState(op.lockedUntil, now);
      if (lock.locked) fail('OPERATOR_LOCKED', { operatorNo, until: iso(lock.until) });
      // A lock that has run out starts a fresh count.
      const previous = op.lockedUntil !== null ? 0 : op.failedAttempts;
      const after = afterFailedAttempt(previous, now);
      repos.operators.setFailures(operatorNo, after.failedAttempts, after.lockedUntil);
      return { op, after };
    });

    if (await hasher.verify(password, op.passwordHash)) {
      repos.operators.setFailures(operatorNo, 0, null);
      return op;
    }
    repos.inTransaction(() => {
      repos.audit.append(
        { operatorNo, action: 'signin.failed', detail: { attemptsLeft: after.attemptsLeft } },
        now,
      );
      if (after.lockedUntil !== null) {
        repos.audit.append(
          { operatorNo, action: 'operator.locked', detail: { until: iso(after.lockedUntil) } },
          now,
        );
      }
    });
    if (after.lockedUntil !== null)
      fail('OPERATOR_LOCKED', { operatorNo, until: iso(after.lockedUntil) });
    return fail('WRONG_PASSWORD', { operatorNo, attemptsLeft: after.attemptsLeft });
  }

  async function startSession(op: { operatorNo: string; role: Session['role']; name: string }) {
    const now = clock.now();
    const s: Session = {
      operatorNo: op.operatorNo,
      role: op.role,
      name: op.name,
      signedInAt: iso(now),
    };
    session.set(s);
    repos.inTransaction(() => {
      // A shift left open (power cut, crash) continues; otherwise one starts.
      const shift = repos.shifts.start(op.operatorNo, now);
      repos.audit.append(
        { operatorNo: op.operatorNo, action: 'signin', detail: { shiftId: shift.id } },
        now,
      );
    });
    const host =
      op.role !== 'admin' && hostSignIn ? await hostSignIn(op.operatorNo) : NOT_ATTEMPTED;
    return { session: s, host };
  }

  function shiftSummary(s: Session, endedAt: number | null): ShiftSummary {
    const now = endedAt ?? clock.now();
    const started = repos.shifts.current(s.operatorNo)?.startedAt ?? Date.parse(s.signedInAt);
    const { tenders, total } = shiftTotals(repos.shifts.totals(s.operatorNo, started, now));
    return {
      operatorNo: s.operatorNo,
      name: s.name,
      startedAt: iso(started),
      endedAt: endedAt === null ? null : iso(endedAt),
      tenders,
      total,
    };
  }

  return {
    /** A fresh terminal gets 00/123456, 01/0000 and 99/12345678, each to be changed on first use. */
    async ensureDefaultOperators(): Promise<void> {
      if (repos.operators.count() > 0) return;
      const now = clock.now();
      const rows = await Promise.all(
        DEFAULT_OPERATORS.map(async (d) => ({
          ...d,
          passwordHash: await hasher.hash(d.defaultPassword),
        })),
      );
      repos.inTransaction(() => {
        for (const r of rows) repos.operators.insertWithDefaultPassword({ ...r, now });
      });
    },

    /**
     * `mayStart` is asked again once the password is verified, right before
     * the session changes: the check takes a while (a slow hash), and a
     * payment started meanwhile from another window must not find another
     * operator's session under it (SIGN_IN_BUSY).
     */
    async signIn(
      operatorNo: string,
      password: string,
      mayStart: () => void = () => {},
    ): Promise<SignInResult> {
      const params = settings.get();
      if (!params.configured && operatorNo !== '99') fail('ADMIN_ONLY_BEFORE_SETUP');
      const op = await verify(operatorNo, password);
      const expired = passwordExpired(op.passwordChangedAt, params.passwordExpiryDays, clock.now());
      if (op.mustChangePassword || expired) {
        return {
          status: 'password-change-required',
          operatorNo: op.operatorNo,
          role: op.role,
          reason: op.mustChangePassword ? (op.passwordReason ?? 'default') : 'expired',
          passwordLength: passwordLengthFor(op.role),
        };
      }
      mayStart();
      return { status: 'signed-in', ...(await startSession(op)) };
    },

    /** Signs the operator in with the new password; `mayStart` as for signIn, before anything is written. */
    async changePassword(
      input: {
        operatorNo: string;
        currentPassword: string;
        newPassword: string;
        confirmPassword: string;
      },
      mayStart: () => void = () => {},
    ): Promise<{ session: Session; host: HostSignInOutcome }> {
      const op = await verify(input.operatorNo, input.currentPassword);
      const issues = checkNewPassword(
        op.role,
        input.currentPassword,
        input.newPassword,
        input.confirmPassword,
      );
      if (issues.length === 0) {
        // No reuse of the last PASSWORD_HISTORY passwords (the current one among them).
        const recent = repos.operators.recentPasswordHashes(op.operatorNo, PASSWORD_HISTORY);
        for (const old of recent) {
          if (await hasher.verify(input.newPassword, old)) {
            issues.push({
              field: 'newPassword',
              rule: 'passwordReused',
              params: { count: PASSWORD_HISTORY },
            });
            break;
          }
        }
      }
      if (issues.length > 0) failFields(issues);
      const hash = await hasher.hash(input.newPassword);
      mayStart();
      const now = clock.now();
      repos.inTransaction(() => {
        repos.operators.setPassword(op.operatorNo, hash, now);
        repos.audit.append(
          { operatorNo: op.operatorNo, action: 'password.changed', detail: {} },
          now,
        );
      });
      return startSession(op);
    },

    /**
     * A supervisor's approval at the counter (voids, refunds): their own number
     * and password, checked like a sign-in (wrong tries count and lock), and
     * audited with what they approved. Returns the supervisor's number.
     */
    async approve(
      operatorNo: string,
      password: string,
      action: ApprovalAction,
      detail: Record<string, unknown>,
    ): Promise<string> {
      if (roleForOperatorNo(operatorNo) !== 'supervisor') fail('SUPERVISOR_REQUIRED');
      const op = await verify(operatorNo, password);
      if (op.role !== 'supervisor') fail('SUPERVISOR_REQUIRED');
      if (op.mustChangePassword) fail('PASSWORD_CHANGE_REQUIRED', { operatorNo });
      repos.audit.append(
        {
          operatorNo,
          action: 'supervisor.approved',
          // Who asked (the signed-in operator) next to who approved (operatorNo).
          detail: { action, requestedBy: session.current()?.operatorNo ?? null, ...detail },
        },
        clock.now(),
      );
      return operatorNo;
    },

    /** The signed-in operator's shift so far (交班 preview). */
    shift(): ShiftSummary {
      const s = session.current();
      if (!s) fail('NOT_SIGNED_IN');
      return shiftSummary(s, null);
    },

    /** 签退: closes the operator's shift and returns its summary (null if nobody was in). */
    signOff(): { shift: ShiftSummary | null } {
      const s = session.current();
      if (!s) return { shift: null };
      const now = clock.now();
      const summary = shiftSummary(s, now);
      repos.inTransaction(() => {
        onSignOff?.(s);
        repos.shifts.end(s.operatorNo, now);
        repos.audit.append(
          {
            operatorNo: s.operatorNo,
            action: 'signoff',
            detail: {
              shiftStartedAt: summary.startedAt,
              salesCount: summary.total.salesCount,
              netFen: summary.total.netFen,
            },
          },
          now,
        );
      });
      session.clear();
      return { shift: summary };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
