import { createFaults, type FaultState } from './faults';
import { createLedger, type Ledger } from './ledger';
import { isUnregisteredTrainingTerminal } from './training-keys';
import type {
  BatchUpload,
  LogEntry,
  SettlementVerdict,
  TrainingHostEvent,
  TrainingTerminal,
} from './types';

/** A signed-in terminal: the working keys last issued to it and the batch it signed in with. */
export interface Session {
  readonly pik: Buffer;
  readonly mak: Buffer;
  readonly batch: string;
}

/** Everything one host instance knows; nothing of it is shared between instances. */
export interface HostContext {
  readonly now: () => Date;
  readonly terminals: Map<string, TrainingTerminal>;
  readonly sessions: Map<string, Session>;
  readonly verdicts: Map<string, SettlementVerdict>;
  readonly uploads: Map<string, BatchUpload[]>;
  readonly ledger: Ledger;
  readonly log: LogEntry[];
  readonly faults: FaultState;
  readonly emit: (e: TrainingHostEvent) => void;
}

export function createContext(opts: {
  now?: () => Date;
  terminals?: TrainingTerminal[];
  onEvent?: (e: TrainingHostEvent) => void;
}): HostContext {
  const now = opts.now ?? (() => new Date());
  const ctx: HostContext = {
    now,
    terminals: new Map(),
    sessions: new Map(),
    verdicts: new Map(),
    uploads: new Map(),
    ledger: createLedger(now),
    log: [],
    faults: createFaults(),
    emit: (e) => {
      // A listener that throws (a CLI writing to a closed pipe) must not take a request down.
      try {
        opts.onEvent?.(e);
      } catch {
        /* ignored on purpose */
      }
    },
  };
  for (const t of opts.terminals ?? []) registerTerminal(ctx, t);
  return ctx;
}

export function registerTerminal(ctx: HostContext, t: TrainingTerminal): void {
  if (!Buffer.isBuffer(t.tmk) || t.tmk.length !== 16) {
    throw new RangeError(`terminal ${t.terminal}: TMK must be 16 bytes`);
  }
  const before = ctx.terminals.get(t.terminal);
  // Keys issued under another TMK (or to another merchant) are no longer the terminal's.
  if (before && (before.merchant !== t.merchant || !before.tmk.equals(t.tmk))) {
    ctx.sessions.delete(t.terminal);
  }
  ctx.terminals.set(t.terminal, { ...t, tmk: Buffer.from(t.tmk) });
}

export function unregisterTerminal(ctx: HostContext, terminal: string): void {
  ctx.terminals.delete(terminal);
  ctx.sessions.delete(terminal);
}

/**
 * The terminal a request comes from, if the host knows it under that merchant.
 * Numbers starting 97 are never known (training-keys.ts), even when registered,
 * so that a trainee can always see response 97.
 */
export function knownTerminal(
  ctx: HostContext,
  terminal: string | null,
  merchant: string | null,
): TrainingTerminal | undefined {
  if (!terminal || isUnregisteredTrainingTerminal(terminal)) return undefined;
  const t = ctx.terminals.get(terminal);
  return t && t.merchant === merchant ? t : undefined;
}

export const uploadKey = (terminal: string, batch: string) => `${terminal}/${batch}`;
