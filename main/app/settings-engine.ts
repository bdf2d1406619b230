import { join } from 'node:path';
import Store from 'electron-store';
import { SETTINGS_FILE_MODE, SETTINGS_NAME } from '../settings/conf-engine';
import type { SettingsEngineFactory } from '../settings/store';

/** The settings engine in Electron: electron-store (conf underneath), same file and schema. */
export function electronStoreEngine(userDataDir: string): SettingsEngineFactory {
  return {
    filePath: join(userDataDir, `${SETTINGS_NAME}.json`),
    open: () =>
      new Store<Record<string, unknown>>({
        cwd: userDataDir,
        name: SETTINGS_NAME,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: SETTINGS_FILE_MODE,
      }),
  };
}
