import { existsSync, readFileSync, renameSync } from 'node:fs';
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

  // A file that is JSON but not an object (null, [], "x" — a write cut short,
  // a wrong file copied in) reads as an empty store: said, not silently a wizard.
  const notAnObject = rawNotAnObject(factory.filePath);
  if (notAnObject) {
    moveAside(`not a JSON object: ${notAnObject}`);
    engine = factory.open();
  }

  const parsed = TerminalParameters.safeParse(engine.store);
  if (parsed.success) {
    current = parsed.data;
  } else {
    // One bad value (a hand edit, a newer version's range) must not cost the
    // terminal its merchant, host and every other setting: only the fields
    // that break the schema go back to their defaults; the file as it was is
    // kept aside. Without its identity or host the terminal is no longer
    // configured, so the wizard runs with what survived filled in.
    const salvage = salvageFields(engine.store);
    const where = salvage.dropped.slice(0, 5).join(', ') || '(root)';
    moveAside(`invalid fields reset to defaults: ${where}`);
    engine = factory.open();
    current = salvage.params ?? DEFAULT_PARAMETERS;
    if (salvage.params) engine.store = current as unknown as Record<string, unknown>;
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

/** Fields without which the terminal can't be taken as set up. */
const IDENTITY = new Set([
  'schemaVersion',
  'configured',
  'merchantNumber',
  'terminalNumber',
  'merchantName',
  'host',
]);

/** Why the file's JSON is not an object, or null when it is one (or can't be read: conf says why). */
function rawNotAnObject(filePath: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return null;
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) return null;
  return Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json;
}

/**
 * The stored parameters with every value that breaks the schema removed (so
 * its default applies). `params` null when nothing can be kept.
 */
function salvageFields(store: Record<string, unknown>): {
  params: Params | null;
  dropped: string[];
} {
  const copy = structuredClone(store) as Record<string, unknown>;
  const dropped: string[] = [];
  for (let round = 0; round < 50; round++) {
    const r = TerminalParameters.safeParse(copy);
    if (r.success) {
      const params = r.data;
      if (dropped.some((d) => IDENTITY.has(d.split('.')[0] ?? ''))) params.configured = false;
      return { params, dropped };
    }
    let progressed = false;
    for (const issue of r.error.issues) {
      const path = issue.path.map(String);
      // Walk up until something is there to remove (a union's issue may name a key that is absent).
      for (let n = path.length; n > 0 && !progressed; n--) {
        if (removeAt(copy, path.slice(0, n))) {
          dropped.push(path.slice(0, n).join('.'));
          progressed = true;
        }
      }
      if (progressed) break;
    }
    if (!progressed) break;
  }
  return { params: null, dropped };
}

function removeAt(root: Record<string, unknown>, path: string[]): boolean {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[key];
  }
  const last = path[path.length - 1] ?? '';
  if (node === null || typeof node !== 'object' || !(last in node)) return false;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete (node as Record<string, unknown>)[last];
  return true;
}
