import type { HostSignInOutcome } from '../../../preload/contract';
import { errorFields, type Logger } from '../../core/logger';
import { PosFailure } from '../../domain/errors';
import type { HostService } from './host-service';

/**
 * The host sign-in that goes with an operator's sign-in, as an outcome rather
 * than a throw: the local sign-in never fails because the host could not be
 * reached; the screen shows why (unreachable, refused, keys invalid …).
 */
export function hostSignInOutcome(host: Pick<HostService, 'signIn'>, logger: Logger) {
  return async (operatorNo: string): Promise<HostSignInOutcome> => {
    try {
      const r = await host.signIn(operatorNo);
      return { attempted: true, ok: true, hostTime: r.hostTime, error: null };
    } catch (err) {
      if (!(err instanceof PosFailure)) logger.error('host sign-in failed', errorFields(err));
      return {
        attempted: true,
        ok: false,
        hostTime: null,
        error: err instanceof PosFailure ? err.error : { code: 'INTERNAL' },
      };
    }
  };
}
