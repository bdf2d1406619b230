import type { Role, Session } from '../../../preload/contract';

/**
 * Who is signed in at this terminal. One till, one operator at a time; held in
 * memory so a restart always asks for the password again.
 */
export function createSessionState() {
  let current: Session | null = null;
  return {
    current: () => current,
    set(session: Session) {
      current = session;
    },
    clear() {
      current = null;
    },
    hasRole(roles: readonly Role[]): boolean {
      return current !== null && roles.includes(current.role);
    },
  };
}
export type SessionState = ReturnType<typeof createSessionState>;
