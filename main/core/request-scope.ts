import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The state-changing contract call a piece of work belongs to (issue 16). The
 * router runs a call's handler inside its scope; repos.inTransaction reads it
 * to record the request id in the same SQLite transaction as the change, so
 * services need not pass it along. Work that outlives the call (a print queue
 * or outbox loop it kicked) sees `finished` and records nothing.
 */
export interface RequestScope {
  readonly requestId: string;
  readonly channel: string;
  readonly operatorNo: string | null;
  /** When the call began (the core's clock). */
  readonly at: number;
  /** Its outcome row exists: written with its first change. */
  recorded: boolean;
  /** The reply has been recorded; later work in this async context is not the call's. */
  finished: boolean;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function runInRequest<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The call the current work belongs to, if it is still running. */
export function currentRequest(): RequestScope | null {
  const scope = scopes.getStore();
  return scope && !scope.finished ? scope : null;
}
