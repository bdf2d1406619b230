import type { z } from 'zod';
import {
  listChannels,
  type ChannelSpec,
  type PosError,
  type Result,
  type Session,
} from '../../preload/contract';
import { errorFields, type Logger } from '../core/logger';
import { PosFailure } from '../domain/errors';
import { ACCESS, type Access } from './access';
import { parseInput } from './validation';

export interface CallContext {
  session: Session | null;
}

export type Handler = (input: unknown, ctx: CallContext) => unknown;

export interface ApiRouter {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
}

function allowed(access: Access | undefined, session: Session | null): PosError | null {
  if (access === undefined) return { code: 'FORBIDDEN' };
  if (access === 'public') return null;
  if (!session) return { code: 'NOT_SIGNED_IN' };
  if (access === 'signed-in' || access.includes(session.role)) return null;
  return { code: 'FORBIDDEN', params: { role: session.role } };
}

/**
 * The one entry point both shells call: validate the input with the contract,
 * check the caller's role, run the handler, check the output against the
 * contract, and answer `{ok, value}` or `{ok: false, error}` — never throw.
 */
export function createApiRouter(deps: {
  handlers: Record<string, Handler>;
  session: () => Session | null;
  logger: Logger;
  /**
   * Called when the role check refuses a signed-in caller (FORBIDDEN), so the
   * composition root can audit it; the router itself holds no SQL. A failure
   * here is logged and the caller still gets FORBIDDEN.
   */
  onForbidden?: (channel: string, session: Session) => void;
}): ApiRouter {
  const specs = new Map<string, ChannelSpec>(listChannels());
  for (const name of specs.keys()) {
    if (!deps.handlers[name]) throw new Error(`no handler for contract channel ${name}`);
  }

  return {
    async dispatch(channel, rawInput) {
      const spec = typeof channel === 'string' ? specs.get(channel) : undefined;
      const handler = spec ? deps.handlers[channel] : undefined;
      if (!spec || !handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL' } };

      const parsed = parseInput(spec.input, rawInput);
      if (!parsed.ok) return { ok: false, error: { code: 'INVALID_INPUT', fields: parsed.fields } };
      const session = deps.session();
      const refused = allowed(ACCESS[channel], session);
      if (refused) {
        if (refused.code === 'FORBIDDEN' && session) {
          try {
            deps.onForbidden?.(channel, session);
          } catch (err) {
            deps.logger.error('recording a refused call failed', { channel, ...errorFields(err) });
          }
        }
        return { ok: false, error: refused };
      }

      try {
        const value: unknown = await handler(parsed.data, { session });
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
        return { ok: false, error: { code: 'INTERNAL' } };
      }
    },
  };
}
