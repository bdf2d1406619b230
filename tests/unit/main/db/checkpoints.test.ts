import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRepositories, openDatabase, type Db } from '../../../../main/db';
import { createCheckpointer } from '../../../../main/db/checkpoints';
import { tempDir } from '../../../support/core';

const tmp = tempDir();
let db: Db | null = null;
afterEach(() => db?.close());

/** The database file itself grows only when a checkpoint copies the WAL's pages into it. */
const fileSize = (file: string) => statSync(file).size;
const ROW = Buffer.alloc(131_072); // 32 pages a commit

function open(name: string) {
  const file = join(tmp.dir, name);
  db = openDatabase(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { file, db, insert: db.prepare('INSERT INTO filler (v) VALUES (?)') };
}

describe('WAL checkpoints', () => {
  it('run between customers, never inside a commit', async () => {
    const { file, db, insert } = open('quiet.sqlite');
    const repos = createRepositories(db);
    const before = fileSize(file);
    // SQLite's own 1,000-page checkpoint would have run inside the 31st commit.
    for (let i = 0; i < 32; i += 1) repos.inTransaction(() => insert.run(ROW));
    expect(fileSize(file)).toBe(before);
    await nextTurn();
    expect(fileSize(file)).toBe(before); // due, but the till is still busy
    await vi.waitFor(() => expect(fileSize(file)).toBeGreaterThan(before + 31 * ROW.length), {
      timeout: 5_000,
      interval: 20,
    });
  });

  it('run on a till that never pauses, after the committing call', async () => {
    const { file, db, insert } = open('busy.sqlite');
    const checkpoints = createCheckpointer(db, {
      everyCommits: 4,
      mostCommits: 8,
      quietMs: 60_000,
    });
    const before = fileSize(file);
    for (let i = 0; i < 7; i += 1) {
      db.transaction(() => insert.run(ROW))();
      checkpoints.committed();
      await nextTurn();
    }
    expect(fileSize(file)).toBe(before);
    db.transaction(() => insert.run(ROW))();
    checkpoints.committed();
    expect(fileSize(file)).toBe(before);
    await nextTurn();
    expect(fileSize(file)).toBeGreaterThan(before + 7 * ROW.length);
  });
});
