import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** The database was written by a newer build of the app; opening it could corrupt data. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `database schema version ${found} is newer than this app supports (${supported}); ` +
        'install the newer version of the app or restore a backup',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration #${i} (${m.name}) has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/**
 * Forward-only migrations keyed by PRAGMA user_version. All pending steps run in
 * one transaction together with the version bump, so a crash mid-way leaves the
 * database exactly as it was.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  assertOrdered(migrations);
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseFromFutureError(current, latest);
  if (current === latest) return current;
  // SQLite's procedure for changing a table's constraints (rebuild + rename)
  // needs foreign keys off, which only takes effect outside a transaction; the
  // check before commit makes sure no migration left a dangling reference.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of migrations.slice(current)) m.up(db);
      const dangling = db.pragma('foreign_key_check') as unknown[];
      if (dangling.length > 0) {
        throw new Error(`migration left ${dangling.length} broken foreign key reference(s)`);
      }
      db.pragma(`user_version = ${latest}`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return latest;
}
