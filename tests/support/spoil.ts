import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Overwrites one page of an SQLite file with deterministic garbage, as a
 * failing disk would: the damage the recovery tests make the till meet.
 * `pageNo` counts from 1, as SQLite's (dbstat) page numbers do.
 */
export function spoilPage(file: string, pageNo: number, pageSize: number): void {
  const fd = openSync(file, 'r+');
  try {
    const junk = Buffer.alloc(pageSize, 0);
    for (let i = 0; i < pageSize; i++) junk[i] = (i * 131 + 17) & 0xff;
    writeSync(fd, junk, 0, pageSize, (pageNo - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
