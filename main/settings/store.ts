import { existsSync, renameSync } from 'node:fs';
import type { TerminalParameters as Params } from './schema';
import { DEFAULT_PARAMETERS, TerminalParameters } from './schema';

/**
 * What the settings module needs from a storage engine. `conf` (Node) and
 * `electron-store` (Electron, which extends conf) both have this shape; they
 * write the file atomically (temp file + rename).
 */
export interface SettingsEngine {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface SettingsEngineFactory {
  /** Where the file lives, known before opening so a corrupt file can be moved aside. */
  readonly filePath: string;
  open(): SettingsEngine;
}

export interface SettingsProblem {
  code: 'SETTINGS_CORRUPT';
  backupPath: string;
  detail: string;
}

export interface SettingsStore {
  get(): Params;
  /** Validates and writes atomically; throws (writing nothing) when invalid. */
  save(next: Params): void;
  /** Set when the file could not be read at start; the app runs on defaults until fixed. */
  readonly problem: SettingsProblem | null;
  readonly path: string;
}

/**
 * Opens the parameters file. A file that is unreadable (not JSON) or breaks the
 * schema never crashes the app: it is moved aside to `<name>.corrupt-<time>.json`
 * (kept for the technician), the terminal starts on defaults (so the setup
 * wizard runs again), and `problem` says what happened and where the copy is.
 */
export function openSettings(factory: SettingsEngineFactory, now: () => Date): SettingsStore {
  let problem: SettingsProblem | null = null;
  let engine: SettingsEngine;
  let current: Params;

  const moveAside = (detail: string) => {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const backupPath = factory.filePath.replace(/\.json$/, '') + `.corrupt-${stamp}.json`;
    if (existsSync(factory.filePath)) renameSync(factory.filePath, backupPath);
    problem = { code: 'SETTINGS_CORRUPT', backupPath, detail };
  };

  try {
    engine = factory.open();
  } catch (err) {
    moveAside(`unreadable: ${err instanceof Error ? err.message : String(err)}`);
    engine = factory.open();
  }

  const parsed = TerminalParameters.safeParse(engine.store);
  if (parsed.success) {
    current = parsed.data;
  } else {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.') || '(root)')
      .join(', ');
    moveAside(`invalid fields: ${where}`);
    engine = factory.open();
    current = DEFAULT_PARAMETERS;
  }

  return {
    get: () => current,
    save(next) {
      const valid = TerminalParameters.parse(next);
      engine.store = valid as unknown as Record<string, unknown>;
      current = valid;
      problem = null;
    },
    get problem() {
      return problem;
    },
    get path() {
      return engine.path;
    },
  };
}
