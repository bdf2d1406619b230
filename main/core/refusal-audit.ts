import type { Refusal } from '../api/router';
import type { Repositories } from '../db';
import type { Clock } from './clock';

/** The audit action of each kind of refused call. */
const REFUSAL_ACTIONS = {
  UNKNOWN_CHANNEL: 'access.unknownChannel',
  NOT_SIGNED_IN: 'access.notSignedIn',
  FORBIDDEN: 'access.forbidden',
} as const;

/** The audit entry of a refused call: who (if anyone) asked for what. */
export function auditRefusal(repos: Repositories, clock: Clock): (r: Refusal) => void {
  return (r) =>
    repos.audit.append(
      {
        operatorNo: r.session?.operatorNo ?? null,
        action: REFUSAL_ACTIONS[r.code],
        detail:
          r.code === 'FORBIDDEN'
            ? { channel: r.channel, role: r.session?.role ?? null }
            : { channel: r.channel },
      },
      clock.now(),
    );
}
