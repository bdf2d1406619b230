import type { z } from 'zod';
import type { FieldIssue } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { checkSetupRules, diffParameters } from '../../domain/terminal-params';
import { caFingerprints } from '../../host/ca-certificate';
import { TerminalParameters } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';

/**
 * The terminal's configuration as a JSON file, and its import on another
 * terminal (PRODUCT.md §8): what shops of one chain set up alike, validated
 * with the parameters' own schema, previewed as a diff, applied and audited
 * old → new.
 */

export const CONFIG_FORMAT = 'counter-pos-config';
export const CONFIG_FORMAT_VERSION = 1;
/** A config file larger than this is not one of ours (a CA bundle is at most 64 KB). */
const CONFIG_MAX_CHARS = 512 * 1024;

/**
 * What a configuration file carries: what shops of one chain set up alike.
 * An allowlist, so a parameter added later (maybe per-terminal, maybe secret)
 * stays out until someone decides it belongs here. Never in the file:
 * - the terminal number (每台终端一个, registered with the acquirer per device),
 *   `configured` and the file's own schemaVersion;
 * - secrets: the master/working keys and the QR gateway and back-office
 *   tokens live sealed in the database, not in the parameters — the file
 *   carries their addresses and timeouts only;
 * - the merchant number, unless asked for (`withMerchantNumber`): tills of one
 *   shop share it, but the shops of a chain are usually each a merchant of
 *   their own at the acquirer, so by default it stays with the terminal.
 * Counters (batch, trace) are in the database and never travel either.
 */
export const SHARED_PARAMETERS = [
  'merchantName',
  'host',
  'qr',
  'backOffice',
  'enabled',
  'fees',
  'settlement',
  'receipt',
  'printer',
  'passwordExpiryDays',
  // The shop's scales print the same labels in every shop of the chain.
  'scaleBarcodes',
  // The chain's checkout rules: discount limits, rounding-off, line deletion.
  // (The catalogue itself travels by its own CSV/XLSX export and import: a
  // hundred thousand products are no part of a 500 KB parameters file.)
  'checkout',
] as const satisfies ReadonlyArray<keyof TerminalParameters>;
const OPTIONAL_SHARED = ['merchantNumber'] as const satisfies ReadonlyArray<
  keyof TerminalParameters
>;
const IMPORTABLE: ReadonlySet<string> = new Set([...SHARED_PARAMETERS, ...OPTIONAL_SHARED]);

export interface ConfigFile {
  format: typeof CONFIG_FORMAT;
  formatVersion: number;
  /** ISO 8601 (UTC). */
  exportedAt: string;
  /** The app version that wrote it. */
  appVersion: string;
  parameters: Partial<TerminalParameters>;
}

export type ParameterChange = { field: string; from: unknown; to: unknown };

export interface ConfigPreview {
  /** The parameters this terminal would have after the import. */
  parameters: TerminalParameters;
  /** Old → new for every leaf that would change (CA certificates by fingerprint). */
  changes: ParameterChange[];
  /** Keys in the file that an import never takes (e.g. terminalNumber), ignored. */
  ignored: string[];
  formatVersion: number;
}

/**
 * Zod issues → field issues, one per field and rule: our schemas' messages
 * are rule keys (lowerCamel); zod's own messages become `invalid`.
 */
function issuesOf(error: z.ZodError): FieldIssue[] {
  const seen = new Map<string, FieldIssue>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '(file)';
    const rule = /^[a-z][a-zA-Z]*$/.test(issue.message) ? issue.message : 'invalid';
    seen.set(`${field} ${rule}`, { field, rule });
  }
  return [...seen.values()];
}

/** The parameters as audited and previewed: a CA certificate by its fingerprints, not its PEM. */
function forDiff(p: TerminalParameters): TerminalParameters {
  const prints = caFingerprints(p.host.caCertificate) ?? ['?'];
  return {
    ...p,
    host: { ...p.host, caCertificate: prints.map((f) => `SHA256:${f}`).join(' ') },
  };
}

export interface ConfigTransferDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  version: string;
  /** After an import is applied (peripherals pick up new settings). */
  onSaved?: () => void;
  /** After an import changed the host settings (the host session starts over). */
  onHostSaved?: () => void;
}

export function createConfigTransferService(deps: ConfigTransferDeps) {
  const { repos, settings, clock } = deps;

  function parseConfig(text: string): ConfigPreview & { next: TerminalParameters } {
    if (text.length > CONFIG_MAX_CHARS) fail('CONFIG_FILE_INVALID');
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      fail('CONFIG_FILE_INVALID');
    }
    const isObj = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObj(raw) || raw.format !== CONFIG_FORMAT || !isObj(raw.parameters)) {
      fail('CONFIG_FILE_INVALID');
    }
    const version = raw.formatVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      fail('CONFIG_FILE_INVALID');
    }
    if (version > CONFIG_FORMAT_VERSION) {
      fail('CONFIG_VERSION_UNSUPPORTED', { found: version, supported: CONFIG_FORMAT_VERSION });
    }
    const current = settings.get();
    const taken: Record<string, unknown> = {};
    const ignored: string[] = [];
    for (const [key, value] of Object.entries(raw.parameters)) {
      if (IMPORTABLE.has(key)) taken[key] = value;
      else ignored.push(key);
    }
    // Sections missing from the file keep this terminal's values, and so do
    // keys missing inside a section: a hand-made file with only host.timeoutSec
    // must not reset the host address (and turn the terminal to training).
    let parsed: ReturnType<typeof TerminalParameters.safeParse>;
    try {
      parsed = TerminalParameters.safeParse(overlay(current, taken));
    } catch {
      // A schema that throws on hostile input refuses it like any invalid input.
      failFields([{ field: '(file)', rule: 'invalid' }]);
    }
    if (!parsed.success) failFields(issuesOf(parsed.error));
    const next = parsed.data;
    const issues: FieldIssue[] = [];
    if (next.merchantName !== undefined) {
      // Only the merchant name is looked at: its GB18030 rules (printable, ≤ 40 bytes).
      issues.push(
        ...checkSetupRules({
          merchantNumber: next.merchantNumber ?? '',
          terminalNumber: next.terminalNumber ?? '',
          merchantName: next.merchantName,
          printer: next.printer,
          paperWidth: next.receipt.paperWidth,
        }),
      );
    }
    if (!caFingerprints(next.host.caCertificate)) {
      issues.push({ field: 'host.caCertificate', rule: 'caCertificate' });
    }
    if (issues.length > 0) failFields(issues);
    // Keys inside a section that this version doesn't know (a typo such as
    // receipt.copis, a newer version's setting) are dropped by the schema:
    // named in the preview like unknown sections, never silently lost.
    for (const key of Object.keys(taken)) {
      ignored.push(...unknownKeys(taken[key], (next as Record<string, unknown>)[key], key));
    }
    return {
      next,
      parameters: next,
      changes: diffParameters(forDiff(current), forDiff(next)),
      ignored: ignored.sort(),
      formatVersion: version,
    };
  }

  function exportConfig(opts: { withMerchantNumber?: boolean } = {}): ConfigFile {
    const p = settings.get();
    const parameters: Record<string, unknown> = {};
    const keys: ReadonlyArray<keyof TerminalParameters> = opts.withMerchantNumber
      ? [...SHARED_PARAMETERS, ...OPTIONAL_SHARED]
      : SHARED_PARAMETERS;
    for (const key of keys) if (p[key] !== undefined) parameters[key] = p[key];
    return {
      format: CONFIG_FORMAT,
      formatVersion: CONFIG_FORMAT_VERSION,
      exportedAt: new Date(clock.now()).toISOString(),
      appVersion: deps.version,
      parameters: parameters as Partial<TerminalParameters>,
    };
  }

  return {
    /** The configuration file's content (see SHARED_PARAMETERS for what it holds). */
    exportConfig,

    /** The configuration as the JSON text of a file; audited as `config.exported`. */
    exportConfigJson(operatorNo: string, opts: { withMerchantNumber?: boolean } = {}): string {
      const file = exportConfig(opts);
      repos.audit.append(
        {
          operatorNo,
          action: 'config.exported',
          detail: {
            formatVersion: file.formatVersion,
            keys: Object.keys(file.parameters),
          },
        },
        clock.now(),
      );
      return JSON.stringify(file, null, 2) + '\n';
    },

    /**
     * Reads a configuration file's text and shows what it would change here:
     * CONFIG_FILE_INVALID when it is not one (not JSON, wrong format),
     * CONFIG_VERSION_UNSUPPORTED when it comes from a newer format,
     * INVALID_INPUT with one field issue per broken rule (path → rule) when a
     * parameter breaks the schema. Changes nothing.
     */
    previewImport(text: string): ConfigPreview {
      const { next: _next, ...preview } = parseConfig(text);
      return preview;
    },

    /**
     * Validates again (against the parameters as they are now), saves
     * atomically and audits old → new as `parameters.changed` (via
     * `config.import`). Returns what changed.
     */
    applyImport(text: string, operatorNo: string): ConfigPreview {
      const { next, ...preview } = parseConfig(text);
      if (preview.changes.length > 0) settings.save(next);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { via: 'config.import', changes: preview.changes, ignored: preview.ignored },
        },
        clock.now(),
      );
      if (preview.changes.length > 0) {
        deps.onSaved?.();
        if (preview.changes.some((c) => c.field.startsWith('host.'))) deps.onHostSaved?.();
      }
      return preview;
    },
  };
}
export type ConfigTransferService = ReturnType<typeof createConfigTransferService>;

/** Paths of `input`'s object keys that did not make it into the schema's `output`. */
function unknownKeys(input: unknown, output: unknown, at: string): string[] {
  const plain = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!plain(input) || !plain(output)) return [];
  const found: string[] = [];
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(output, key)) found.push(`${at}.${key}`);
    else found.push(...unknownKeys(input[key], output[key], `${at}.${key}`));
  }
  return found;
}

/**
 * `file` laid over `mine`, key by key into nested objects. Arrays, and an
 * object of another `kind` (a printer on TCP over one on serial), replace
 * what was there whole: mixing two kinds' keys would make neither.
 */
function overlay(mine: unknown, file: unknown): unknown {
  const plain = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!plain(mine) || !plain(file)) return file;
  if ('kind' in file && file.kind !== mine.kind) return file;
  const out: Record<string, unknown> = { ...mine };
  for (const [key, value] of Object.entries(file)) {
    out[key] = Object.hasOwn(mine, key) ? overlay(mine[key], value) : value;
  }
  return out;
}
