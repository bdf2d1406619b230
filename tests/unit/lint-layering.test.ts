import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering of ENGINEERING.md is enforced by lint; these cases prove the
// rules bite (and don't bite where an import is allowed). Each case lints new
// text under an existing file's name, because type-aware linting only parses
// files that belong to a tsconfig.
const root = join(import.meta.dirname, '../..');
// On CI (CI=true) typescript-eslint switches to "single run" mode, which
// builds the program once from disk and then parses the file on disk rather
// than the text given to lintText; that would lint the real files, not the
// cases below. This keeps it in the mode an editor uses.
process.env.TSESTREE_SINGLE_RUN = 'false';
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`lint could not parse ${file}: ${fatal.message}`);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

// The first case builds the TypeScript program of three tsconfigs (seconds on a busy CI box).
describe('layering rules', { timeout: 60_000 }, () => {
  it.each([
    ['main/services/staff/session.ts', "import { app } from 'electron';\nexport const a = app;"],
    [
      'main/services/checkout/sale-service.ts',
      "import Database from 'better-sqlite3';\nexport const d = Database;",
    ],
    [
      'main/domain/numbers.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    ],
    [
      'main/domain/operators.ts',
      "import { createRepositories } from '../db';\nexport const r = createRepositories;",
    ],
    ['main/api/access.ts', "import { openDatabase } from '../db';\nexport const o = openDatabase;"],
    [
      'renderer/src/lib/pos.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    ],
    [
      'renderer/src/lib/pos.ts',
      "import { createPosCore } from '../../../main/core/pos-core';\nexport const c = createPosCore;",
    ],
    [
      'renderer/src/lib/error-text.ts',
      "import { encodeDocument } from '../../../native/printer/escpos-encoder';\nexport const e = encodeDocument;",
    ],
    [
      'preload/contract/common.ts',
      "import { openDatabase } from '../../main/db';\nexport const o = openDatabase;",
    ],
    [
      'native/printer/document.ts',
      "import { createPosCore } from '../../main/core/pos-core';\nexport const c = createPosCore;",
    ],
  ])('refuses the wrong-way import in %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['main/app/protocol.ts', "import { app } from 'electron';\nexport const a = app;"],
    [
      'preload/index.ts',
      "import { contextBridge } from 'electron';\nexport const c = contextBridge;",
    ],
    ['main/db/connection.ts', "import Database from 'better-sqlite3';\nexport const d = Database;"],
    [
      'renderer/src/lib/error-text.ts',
      "import { formatFen } from '../../../preload/contract';\nexport const f = formatFen;",
    ],
    [
      'main/services/printing/print-service.ts',
      "import { encodeDocument } from '../../../native/printer/escpos-encoder';\nexport const e = encodeDocument;",
    ],
  ])('allows the right-way import in %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
