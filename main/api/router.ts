import type { z } from 'zod';
import {
  listChannels,
  type ChannelSpec,
  type PosError,
  type Result,
  type Session,
} from '../../preload/contract';
import { errorFields, redact, type Logger } from '../core/logger';
import { PosFailure } from '../domain/errors';
import { ACCESS, type Access } from './access';
import { parseInput } from './validation';
import type { Idempotency } from './idempotency';

/** A call the router refused before any handler ran, for the audit log. */
export interface Refusal {
  /** The channel name as sent (cut to 80 characters; anything not a string becomes its type). */
  channel: string;
  code: 'UNKNOWN_CHANNEL' | 'NOT_SIGNED_IN' | 'FORBIDDEN';
  session: Session | null;
}

/**
 * The audit log is in the database, where a card number never goes in clear:
 * a caller who sends one as a channel name gets it stored first 6 / last 4,
 * as the log file would have it.
 */
function channelForAudit(channel: unknown): string {
  return typeof channel === 'string'
    ? redact(channel.slice(0, 200)).slice(0, 80)
    : `(${typeof channel})`;
}

export interface CallContext {
  session: Session | null;
}

export type Handler = (input: unknown, ctx: CallContext) => unknown;

/** What a shell sends beside the input: a state-changing call's request id (see preload/contract/channel.ts). */
export interface CallMeta {
  requestId?: string | undefined;
}

export interface ApiRouter {
  /**
   * `call` comes with every call from a shell (Electron IPC, the web shell's
   * WebSocket): a state-changing channel then needs its request id and is
   * answered once per id. In-process callers (tests, benchmarks) may leave
   * it out and get the plain call.
   */
  dispatch(channel: string, input: unknown, call?: CallMeta): Promise<Result<unknown>>;
}

function allowed(access: Access | undefined, session: Session | null): PosError | null {
  if (access === undefined) return { code: 'FORBIDDEN' };
  if (access === 'public') return null;
  if (!session) return { code: 'NOT_SIGNED_IN' };
  if (access === 'signed-in' || access.includes(session.role)) return null;
  return { code: 'FORBIDDEN', params: { role: session.role } };
}

/** SQLite's word for a damaged file (SQLITE_CORRUPT, _CORRUPT_INDEX, …, SQLITE_NOTADB). */
export function isDatabaseDamage(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
  );
}

/**
 * The one entry point both shells call: check the caller's role, validate the
 * input with the contract, run the handler, check the output against the
 * contract, and answer `{ok, value}` or `{ok: false, error}` — never throw.
 * Every refusal (unknown channel, not signed in, wrong role) is reported to
 * `onRefused` for the audit log.
 */
export function createApiRouter(deps: {
  handlers: Record<string, Handler>;
  session: () => Session | null;
  logger: Logger;
  /**
   * Called for every refused call — an unknown channel, nobody signed in
   * (NOT_SIGNED_IN), a role the channel doesn't allow (FORBIDDEN) — so the
   * composition root can audit it; the router itself holds no SQL. A failure
   * here is logged and the caller still gets the refusal.
   */
  onRefused?: (refusal: Refusal) => void;
  /** Answers state-changing calls once per request id (issue 16). */
  idempotency?: Idempotency;
  /**
   * Called when a handler met damage in the database file that the start-up
   * check did not see (a page read only now): the composition root puts the
   * till into recovery mode; the caller is answered RECOVERY_NEEDED.
   */
  onDatabaseDamage?: (detail: string) => void;
}): ApiRouter {
  const specs = new Map<string, ChannelSpec>(listChannels());
  for (const name of specs.keys()) {
    if (!deps.handlers[name]) throw new Error(`no handler for contract channel ${name}`);
  }

  async function runHandler(
    channel: string,
    spec: ChannelSpec,
    handler: Handler,
    input: unknown,
    session: Session | null,
  ): Promise<Result<unknown>> {
    try {
      const value: unknown = await handler(input, { session });
      const checked = (spec.output as z.ZodType).safeParse(value);
      if (!checked.success) {
        deps.logger.error('handler output breaks the contract', {
          channel,
          issues: checked.error.issues.slice(0, 5),
        });
        return { ok: false, error: { code: 'INTERNAL' } };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (err instanceof PosFailure) return { ok: false, error: err.error };
      deps.logger.error('handler failed', { channel, ...errorFields(err) });
      if (isDatabaseDamage(err)) {
        deps.onDatabaseDamage?.(String((err as Error).message).slice(0, 500));
        return { ok: false, error: { code: 'RECOVERY_NEEDED' } };
      }
      return { ok: false, error: { code: 'INTERNAL' } };
    }
  }

  return {
    async dispatch(channel, rawInput, call) {
      const refuse = (code: Refusal['code'], session: Session | null, error: PosError) => {
        try {
          deps.onRefused?.({ channel: channelForAudit(channel), code, session });
        } catch (err) {
          deps.logger.error('recording a refused call failed', {
            channel: channelForAudit(channel),
            ...errorFields(err),
          });
        }
        return { ok: false as const, error };
      };
      const spec = typeof channel === 'string' ? specs.get(channel) : undefined;
      const handler = spec ? deps.handlers[channel] : undefined;
      const session = deps.session();
      if (!spec || !handler) return refuse('UNKNOWN_CHANNEL', session, { code: 'UNKNOWN_CHANNEL' });

      // Who may call comes before what they sent: a caller without the role
      // learns nothing about the channel's fields (issue 16).
      const refused = allowed(ACCESS[channel], session);
      if (refused) return refuse(refused.code as Refusal['code'], session, refused);

      const parsed = parseInput(spec.input, rawInput);
      if (!parsed.ok) return { ok: false, error: { code: 'INVALID_INPUT', fields: parsed.fields } };

      const run = () => runHandler(channel, spec, handler, parsed.data, session);
      const once = deps.idempotency;
      if (!spec.mutates || !call || !once) return run();
      if (!once.valid(call.requestId)) return once.refuseMissing();
      return once.once(call.requestId, channel, session?.operatorNo ?? null, run);
    },
  };
}
