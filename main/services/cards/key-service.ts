import type { KeyStatus } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { failFields } from '../../domain/errors';
import { checkValue, combineComponents, KeyComponentError } from '../../host/crypto';
import { TRAINING_TMK_HEX } from '../../host/training/training-keys';
import type { SecretBox } from '../../secrets/secret-box';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';

const TMK = 'tmk';

/**
 * The terminal master key (终端主密钥). Injected by the technician as 2–3
 * components, kept only sealed at rest (main/secrets), shown only as its check
 * value. In training mode without an injected key, the published training key
 * is used so the training host can issue working keys.
 */
export function createKeyService(deps: {
  repos: Repositories;
  secretBox: SecretBox;
  clock: Clock;
  settings: SettingsStore;
}) {
  const { repos, secretBox, clock, settings } = deps;

  return {
    tmk(): Buffer | null {
      const stored = repos.secrets.get(TMK);
      if (stored) return secretBox.open(stored.sealed);
      return isTraining(settings.get()) ? Buffer.from(TRAINING_TMK_HEX, 'hex') : null;
    },
    status(): KeyStatus {
      const stored = repos.secrets.get(TMK);
      if (stored) return { source: 'injected', checkValue: stored.checkValue };
      return isTraining(settings.get())
        ? {
            source: 'training-default',
            checkValue: checkValue(Buffer.from(TRAINING_TMK_HEX, 'hex')),
          }
        : { source: 'none', checkValue: null };
    },
    /** XORs the components, stores the key sealed, audits only its check value. */
    inject(components: string[], operatorNo: string): KeyStatus {
      let key: Buffer;
      try {
        key = combineComponents(components);
      } catch (err) {
        if (!(err instanceof KeyComponentError)) throw err;
        // component is 1-based; the field path is the input array's 0-based index
        if (err.component === undefined) {
          const count = components.length >= 2 && components.length <= 3;
          failFields([{ field: 'components', rule: count ? 'keyAllZero' : 'keyComponentCount' }]);
        }
        failFields([{ field: `components.${err.component - 1}`, rule: 'keyComponent' }]);
      }
      const kcv = checkValue(key);
      const now = clock.now();
      repos.inTransaction(() => {
        repos.secrets.put(TMK, secretBox.seal(key), kcv, now);
        repos.audit.append(
          {
            operatorNo,
            action: 'tmk.injected',
            detail: { checkValue: kcv, components: components.length },
          },
          now,
        );
      });
      key.fill(0);
      return { source: 'injected', checkValue: kcv };
    },
  };
}
export type KeyService = ReturnType<typeof createKeyService>;
