import type { PosApi, Result } from '../../../preload/contract';

declare global {
  interface Window {
    /** Given by the preload (Electron) or the browser preload (web shell). */
    pos: PosApi;
  }
}

let onSignedOut: () => void = () => undefined;

/**
 * Who to tell when the main side answers NOT_SIGNED_IN: the session this page
 * shows has ended elsewhere (signed off in another window of the web shell,
 * or the till restarted), so the screen in front of the cashier is stale.
 */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** The API with every call's answer looked at once for NOT_SIGNED_IN (the preload's object is frozen: a copy). */
function watched(raw: PosApi): PosApi {
  const api: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(raw) as Array<[string, Record<string, unknown>]>) {
    if (domain === 'events') {
      api[domain] = methods;
      continue;
    }
    const namespace: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(methods)) {
      if (typeof fn !== 'function') continue;
      namespace[name] = async (input: unknown) => {
        const result = (await (fn as (i: unknown) => Promise<Result<unknown>>)(
          input,
        )) as Result<unknown>;
        if (!result.ok && result.error.code === 'NOT_SIGNED_IN') onSignedOut();
        return result;
      };
    }
    api[domain] = Object.freeze(namespace);
  }
  return Object.freeze(api) as unknown as PosApi;
}

let current: { raw: PosApi; api: PosApi } | null = null;

/** The contract API; the renderer knows nothing else of the main side. */
export function pos(): PosApi {
  const raw = window.pos;
  if (current?.raw !== raw) current = { raw, api: watched(raw) };
  return current.api;
}
