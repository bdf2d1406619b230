import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../../support/core';

/**
 * The data folder is 0700 and every file the app keeps in it 0600, whatever
 * the umask (issue 16): the database and its WAL/SHM, backups and safety
 * copies, the parameters file, the key file and the logs. Checked for the
 * core as both shells build it, and for the web shell started from its
 * command line under umask 000.
 */
const POSIX = process.platform !== 'win32';

/** Every entry under `dir` whose mode is not 0700 (folders) / 0600 (files). */
function looseEntries(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    const st = lstatSync(path);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== 0o700) out.push(`${relative(dir, path) || '.'}/ ${mode.toString(8)}`);
      for (const e of readdirSync(path)) walk(join(path, e));
    } else if (st.isFile() && mode !== 0o600) {
      out.push(`${relative(dir, path)} ${mode.toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const e of readdirSync(path, { withFileTypes: true })) {
      const p = join(path, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
let umask: number | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  if (umask !== null) process.umask(umask);
  umask = null;
  tmp?.remove();
});

describe.skipIf(!POSIX)('file modes of the data folder', () => {
  it('under umask 022: folder 0700, database + WAL/SHM, backups, safety copy, parameters, key, logs 0600', async () => {
    tmp = tempDir();
    umask = process.umask(0o022);
    const dir = join(tmp.dir, 'data');
    // An older version left things open: the start repairs them.
    mkdirSync(join(dir, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'logs', 'old.log'), 'x\n', { mode: 0o644 });

    core = (await startCore(dir)).core;
    await setUpTerminal(core);
    await signInCashier(core);
    await ok(core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const backup = await ok<{ file: string }>(core, 'data:backup');
    const preview = await ok<{ confirm: string }>(core, 'data:previewRestore', {
      file: backup.file,
    });
    await ok(core, 'data:restore', { file: backup.file, confirm: preview.confirm });

    const files = allFiles(dir);
    for (const expected of [
      'pos.sqlite',
      'pos.sqlite-wal',
      'pos.sqlite-shm',
      'terminal.json',
      'secret.key',
      'logs/test.log',
      'logs/old.log',
    ])
      expect(files).toContain(expected);
    expect(files.filter((f) => f.startsWith('backups/'))).toHaveLength(2); // the backup + the safety copy
    expect(looseEntries(dir)).toEqual([]);
  });

  it('the web shell from its command line under umask 000', async () => {
    tmp = tempDir();
    const dir = join(tmp.dir, 'web-data');
    const child = spawn(
      'sh',
      [
        '-c',
        `umask 000 && exec "${process.execPath}" --import tsx main/web/cli.ts --port 0 --data-dir "${dir}"`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: join(import.meta.dirname, '../../..') },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const opened = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('open: ')) resolve(line.slice(6));
      });
      child.once('exit', (code) => reject(new Error(`web shell exited ${code}: ${stderr}`)));
    });
    expect(opened).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    // The umask really was 000 in there: a file the shell didn't make private would show it.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const files = allFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['pos.sqlite', 'secret.key', 'logs/pos.log']));
    expect(readFileSync(join(dir, 'logs', 'pos.log'), 'utf8')).toContain('pos core started');
    expect(looseEntries(dir)).toEqual([]);
  }, 60_000);
});
