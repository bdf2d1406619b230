import { join } from 'node:path';
import Conf from 'conf';
import type { SettingsEngineFactory } from './store';

export const SETTINGS_NAME = 'terminal';
/** The parameters name the merchant and the host: only the terminal's user reads them. */
export const SETTINGS_FILE_MODE = 0o600;

/**
 * The settings engine outside Electron: `conf`, the library electron-store is
 * built on, with the same file name and format, so a terminal's file moves
 * between the desktop app and the web shell unchanged.
 */
export function confEngine(dir: string): SettingsEngineFactory {
  return {
    filePath: join(dir, `${SETTINGS_NAME}.json`),
    open: () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: SETTINGS_NAME,
        projectName: 'counter-pos',
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: SETTINGS_FILE_MODE,
      }),
  };
}
