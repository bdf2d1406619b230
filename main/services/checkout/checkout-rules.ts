import type { CheckoutRules } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { diffParameters } from '../../domain/terminal-params';
import type { SettingsStore } from '../../settings/store';

/** The checkout's rules as parameters: read, and saved atomically with an audit of old → new. */
export function createCheckoutRules(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
}) {
  const { repos, settings, clock } = deps;
  const current = (): CheckoutRules => {
    const c = settings.get().checkout;
    return {
      rounding: c.rounding,
      discountLimit: { ...c.discountLimit },
      lineDelete: { ...c.lineDelete },
    };
  };
  return {
    get: current,
    save(rules: CheckoutRules, operatorNo: string): CheckoutRules {
      const before = settings.get();
      const after = { ...before, checkout: rules };
      settings.save(after);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { changes: diffParameters(before, after) },
        },
        clock.now(),
      );
      return current();
    },
  };
}
export type CheckoutRulesService = ReturnType<typeof createCheckoutRules>;
