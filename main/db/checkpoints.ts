import type { Db } from './connection';

export interface CheckpointOptions {
  /** Commits after which a checkpoint is due (it then waits for a quiet moment). */
  everyCommits?: number;
  /** No commit for this long: the till is between customers, checkpoint now. */
  quietMs?: number;
  /** Commits after which a due checkpoint runs at the next turn, quiet or not. */
  mostCommits?: number;
  /** SQLite's own checkpoint, inside a commit, only past a WAL this big (pages). */
  safetyPages?: number;
}

/**
 * WAL checkpoints between customers, not inside a sale. Left to itself SQLite
 * checkpoints in the commit that takes the WAL past 1,000 pages: every 40th
 * sale or so would wait, before the cashier sees it, for pages to be copied
 * into the database file and that file to be synced — the slowest sales of
 * the day, and slower the bigger the history (the pages are further apart).
 *
 * Here SQLite's own checkpoint is only a safety net, and once `everyCommits`
 * write transactions have committed a passive checkpoint runs as soon as
 * nothing has committed for `quietMs` — or, on a till that never pauses,
 * at the next turn of the event loop after `mostCommits`, which is still
 * after the call that committed has answered. A passive checkpoint never
 * blocks or fails a writer; what it can't copy now it copies next time.
 */
export function createCheckpointer(db: Db, opts: CheckpointOptions = {}) {
  const everyCommits = opts.everyCommits ?? 32;
  const quietMs = opts.quietMs ?? 250;
  const mostCommits = opts.mostCommits ?? 256;
  if (db.name !== ':memory:') db.pragma(`wal_autocheckpoint = ${opts.safetyPages ?? 10_000}`);
  let commits = 0;
  let quiet: NodeJS.Timeout | null = null;
  let now: NodeJS.Immediate | null = null;

  const checkpoint = () => {
    if (quiet) clearTimeout(quiet);
    if (now) clearImmediate(now);
    quiet = null;
    now = null;
    if (!db.open || db.inTransaction) return;
    commits = 0;
    db.pragma('wal_checkpoint(PASSIVE)');
  };

  return {
    /** A write transaction committed. */
    committed(): void {
      commits += 1;
      if (commits >= mostCommits) {
        now ??= setImmediate(checkpoint);
      } else if (commits >= everyCommits) {
        if (quiet) clearTimeout(quiet);
        quiet = setTimeout(checkpoint, quietMs);
        quiet.unref();
      }
    },
  };
}
export type Checkpointer = ReturnType<typeof createCheckpointer>;
