import type { Db } from './connection';

/**
 * WAL checkpoints after the answer, not inside it. Left to itself SQLite
 * checkpoints in the commit that takes the WAL past 1,000 pages: every 40th
 * sale or so would wait, before the cashier sees it, for pages to be copied
 * into the database file and that file to be synced — the slowest sales of
 * the day, and slower the bigger the history (the pages are further apart).
 *
 * Here SQLite's own checkpoint is only a safety net (a WAL of `safetyPages`),
 * and every `everyCommits` write transactions a passive checkpoint runs on
 * the next turn of the event loop: after the call that committed has
 * answered, while its receipt prints. A passive checkpoint never blocks and
 * never fails a writer; what it can't copy now it copies next time.
 */
export function createCheckpointer(
  db: Db,
  opts: { everyCommits?: number; safetyPages?: number } = {},
) {
  const everyCommits = opts.everyCommits ?? 32;
  if (db.name !== ':memory:') db.pragma(`wal_autocheckpoint = ${opts.safetyPages ?? 10_000}`);
  let commits = 0;
  let scheduled: NodeJS.Immediate | null = null;

  const checkpoint = () => {
    scheduled = null;
    if (!db.open || db.inTransaction) return;
    commits = 0;
    db.pragma('wal_checkpoint(PASSIVE)');
  };

  return {
    /** A write transaction committed: checkpoint soon if enough have. */
    committed(): void {
      commits += 1;
      if (commits >= everyCommits && !scheduled) scheduled = setImmediate(checkpoint);
    },
  };
}
export type Checkpointer = ReturnType<typeof createCheckpointer>;
