import { fail } from '../../domain/errors';
import type { DomainHandlers } from '../types';

/**
 * A healthy database has nothing to recover: the recovery channels answer
 * only in recovery mode (main/core/recovery-core.ts answers them there).
 */
export function recoveryHandlers(): DomainHandlers<'recovery'> {
  const notNeeded = () => fail('RECOVERY_NOT_NEEDED');
  return { backups: notNeeded, restore: notNeeded, startOver: notNeeded };
}
