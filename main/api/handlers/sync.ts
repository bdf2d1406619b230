import type { z } from 'zod';
import type { sync } from '../../../preload/contract/sync';
import type { CallContext } from '../router';
import { requireSession } from '../types';

type SyncContract = typeof sync;
type Status = z.input<SyncContract['status']['output']>;
type View = z.input<SyncContract['getSettings']['output']>;

/** What the sync channels need (main/sync/sync-service.ts provides it). */
export interface SyncApi {
  sync: {
    status(): Status;
    settings(): View;
    saveSettings(input: z.output<SyncContract['saveSettings']['input']>, operatorNo: string): View;
    retry(): Promise<void>;
  };
}

/** One handler per channel of `sync`; the same shape as DomainHandlers<'sync'> once wired. */
export type SyncHandlers = {
  [M in keyof SyncContract]: (
    input: z.output<SyncContract[M]['input']>,
    ctx: CallContext,
  ) => z.input<SyncContract[M]['output']> | Promise<z.input<SyncContract[M]['output']>>;
};

export function syncHandlers(s: SyncApi): SyncHandlers {
  return {
    status: () => s.sync.status(),
    getSettings: () => s.sync.settings(),
    saveSettings: (input, ctx) => s.sync.saveSettings(input, requireSession(ctx).operatorNo),
    // A backlog of weeks can take minutes: the upload runs on, the screen
    // follows it through `status`.
    retry: () => {
      void s.sync.retry();
      return s.sync.status();
    },
  };
}
