import { iso } from '../../core/clock';
import { isTraining } from '../../settings/schema';
import type { ApiServices, DomainHandlers } from '../types';

export function appHandlers(s: ApiServices): DomainHandlers<'app'> {
  return {
    outcome: ({ requestId }) => s.requests.outcome(requestId),
    info: () => {
      const params = s.settings.get();
      return {
        version: s.version,
        training: isTraining(params),
        configured: params.configured,
        settingsProblem: s.settings.problem,
        secretKeyProblem: s.keys.secretKeyProblem(),
        terminal: s.setup.summary(),
        printer: s.printerAddress(),
        paperWidth: params.receipt.paperWidth,
        now: iso(s.clock.now()),
        session: s.session.current(),
        recovery: null,
      };
    },
  };
}
