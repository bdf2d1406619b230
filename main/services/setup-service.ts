import type { TerminalSetup, TerminalSummary } from '../../preload/contract';
import type { Clock } from '../core/clock';
import type { Repositories } from '../db';
import { failFields } from '../domain/errors';
import { applySetup, checkSetupRules, diffParameters, setupOf } from '../domain/terminal-params';
import type { SettingsStore } from '../settings/store';

export interface SetupDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  /** Called after a successful save so peripherals pick up the new settings. */
  onSaved?: () => void;
}

/** The technician's terminal setup (first-run wizard, later parameter screens). */
export function createSetupService({ repos, settings, clock, onSaved }: SetupDeps) {
  return {
    current(): TerminalSetup | null {
      return setupOf(settings.get());
    },

    summary(): TerminalSummary | null {
      const s = setupOf(settings.get());
      return s
        ? {
            merchantNumber: s.merchantNumber,
            terminalNumber: s.terminalNumber,
            merchantName: s.merchantName,
          }
        : null;
    },

    /**
     * Validates every rule first (nothing is written if any field is wrong),
     * writes the parameters file atomically, then records old → new in the
     * audit log with the operator who made the change.
     */
    save(setup: TerminalSetup, operatorNo: string): TerminalSummary {
      const issues = checkSetupRules(setup);
      if (issues.length > 0) failFields(issues);
      const before = settings.get();
      const after = applySetup(before, setup);
      const changes = diffParameters(before, after);
      settings.save(after);
      repos.audit.append(
        { operatorNo, action: 'parameters.changed', detail: { changes } },
        clock.now(),
      );
      onSaved?.();
      return {
        merchantNumber: setup.merchantNumber,
        terminalNumber: setup.terminalNumber,
        merchantName: setup.merchantName,
      };
    },
  };
}
export type SetupService = ReturnType<typeof createSetupService>;
