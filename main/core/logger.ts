import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { maskCardData } from '../../preload/contract/card-data';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Card numbers must never reach a log in clear. Whatever a caller passes,
 * swiped track data (`%B…^…?`, `;…=…?`) and a Luhn-valid card number grouped
 * by spaces or dashes (`6222 0212 3456 7894`) become the masked card number,
 * and any other run of 13–19 digits is masked to first 6 / last 4, before it
 * is written.
 */
export function redact(text: string): string {
  return maskCardData(text, { loose: true }).replace(
    /\d{13,19}/g,
    (pan) => `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`,
  );
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** JSON lines to a file (and stderr for warnings and errors). */
export function createLogger(opts: { file?: string; level?: LogLevel; console?: boolean }): Logger {
  const min = ORDER[opts.level ?? 'info'];
  // Logs name operators and transactions: a folder made here and the file are
  // the terminal user's only (the core puts an existing logs folder to 0700).
  if (opts.file) mkdirSync(dirname(opts.file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = redact(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
    if (opts.file) appendFileSync(opts.file, line + '\n', { mode: PRIVATE_FILE_MODE });
    if (opts.console || (!opts.file && ORDER[level] >= ORDER.warn))
      process.stderr.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export function errorFields(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) };
}
