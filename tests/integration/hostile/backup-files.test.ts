import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PosFailure } from '../../../main/domain/errors';
import { backupHarness, count, dump, sha256, writeSales } from '../backup/harness';

/**
 * Backup files damaged in ways a disk, a USB stick or a wrong file pick can
 * damage them: the restore is refused with the code that says why, and the
 * live database is exactly as it was.
 */

type Harness = Awaited<ReturnType<typeof backupHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function refusalCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosFailure) return e.error.code;
    throw e;
  }
  return 'accepted';
}

describe('damaged backup files', () => {
  it.each<[string, (good: Buffer) => Buffer, string]>([
    [
      'a page in the middle overwritten (header intact)',
      (g) => {
        const b = Buffer.from(g);
        const page = b.readUInt16BE(16) || 65536;
        b.fill(0xa5, page * 3 + 8, page * 3 + 600);
        return b;
      },
      'RESTORE_CORRUPT',
    ],
    ['a text file named .sqlite', () => Buffer.from('id,amount\n1,100\n'), 'RESTORE_CORRUPT'],
    // SQLite opens an empty file as an empty database: none of our tables.
    ['an empty file', () => Buffer.alloc(0), 'RESTORE_NOT_A_BACKUP'],
    ['the SQLite header alone', (g) => g.subarray(0, 100), 'RESTORE_CORRUPT'],
  ])('%s: refused, the live data unchanged', async (_, damage, code) => {
    h = await backupHarness();
    writeSales(h.live.core.internals.repos, h.clock.now(), 200);
    const good = await h.backups.backupNow('00');
    const bad = join(h.tmp.dir, 'damaged.sqlite');
    writeFileSync(bad, damage(readFileSync(good.path)));

    const db = h.live.core.internals.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = { hash: sha256(h.dbFile), rows: dump(db), sales: count(db, 'transactions') };
    expect(await refusalCode(h.backups.restore(bad, '00'))).toBe(code);
    expect(sha256(h.dbFile)).toBe(before.hash);
    expect(dump(db)).toBe(before.rows);
    expect(count(db, 'transactions')).toBe(before.sales);
    expect(h.restarts()).toBe(0);
    expect(existsSync(`${h.dbFile}.restore`)).toBe(false);
  });
});
