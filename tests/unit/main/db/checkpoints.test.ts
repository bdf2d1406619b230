import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type Db } from '../../../../main/db';
import { tempDir } from '../../../support/core';

const tmp = tempDir();
let db: Db | null = null;
afterEach(() => db?.close());

/** The database file itself grows only when a checkpoint copies the WAL's pages into it. */
const fileSize = (file: string) => statSync(file).size;

describe('WAL checkpoints', () => {
  it('run after the committing call, never inside a commit', async () => {
    const file = join(tmp.dir, 'pos.sqlite');
    db = openDatabase(file);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const repos = createRepositories(db);
    const insert = db.prepare('INSERT INTO filler (v) VALUES (?)');
    const before = fileSize(file);
    // 128 KiB a commit: SQLite's own 1,000-page checkpoint would have run by the 31st.
    for (let i = 0; i < 31; i += 1) repos.inTransaction(() => insert.run(Buffer.alloc(131_072)));
    await nextTurn();
    expect(fileSize(file)).toBe(before);

    repos.inTransaction(() => insert.run(Buffer.alloc(131_072))); // the 32nd
    expect(fileSize(file)).toBe(before); // the commit returned without checkpointing
    await nextTurn();
    expect(fileSize(file)).toBeGreaterThan(before + 31 * 131_072);
  });
});
