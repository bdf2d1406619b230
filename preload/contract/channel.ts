import type { z } from 'zod';

/**
 * A request/reply channel: its input schema, its output (value) schema, and
 * whether a call changes state.
 *
 * ## State-changing channels (ENGINEERING.md "Idempotent calls", issue 16)
 * A channel that changes anything the terminal keeps — a sale, a void, a
 * setting, a printed slip — is declared with `command(...)` instead of
 * `channel(...)`. That is all a new channel has to do: the renderer's API
 * (preload/api.ts) then gives every call a fresh request id and, when the
 * answer is lost on the way back, asks `app:outcome` for it before saying
 * anything; the router (main/api/router.ts) answers a repeated id with the
 * recorded outcome without running the handler again; and every SQLite
 * transaction the handler commits records the id in the same transaction
 * (repos.inTransaction), so after a crash it is known whether the call
 * changed anything. Rows a service inserts into `transactions` carry the id.
 * Changes made outside SQLite (the settings file) are written before the
 * audited SQLite change, so the id is recorded once both are done.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** Changes state: carries a request id and is answered at most once per id. */
  readonly mutates: boolean;
}

/** A channel that only reads (or whose repeat is harmless by nature: sign-in, cancel, retry). */
export function channel<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): ChannelSpec<I, O> {
  return { input, output, mutates: false };
}

/** A state-changing channel: see "State-changing channels" above. */
export function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): ChannelSpec<I, O> {
  return { input, output, mutates: true };
}

/** A request id as the renderer makes it: 32 hex digits (16 random bytes). */
export const REQUEST_ID_PATTERN = /^[0-9a-f]{32}$/;
