import type { KeyStatus, SecretKeyProblem } from '../../../preload/contract';
import { iso } from '../../core/clock';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { checkValue, combineComponents, KeyComponentError } from '../../host/crypto';
import { TRAINING_TMK_HEX } from '../../host/training/training-keys';
import type { ManagedSecretBox } from '../../secrets/secret-box';
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
  secretBox: ManagedSecretBox;
  clock: Clock;
  settings: SettingsStore;
}) {
  const { repos, secretBox, clock, settings } = deps;

  /** What a data-key problem makes unusable, for the technician's screen and the audit. */
  function problemReport(): SecretKeyProblem | undefined {
    const problem = secretBox.problem();
    if (!problem) return undefined;
    return {
      problem,
      pendingReversals: repos.secrets.reversalCards().map((r) => ({
        batchNo: r.batchNo,
        traceNo: r.traceNo,
        amountFen: r.amountFen,
        panMasked: r.panMasked,
        at: iso(r.createdAt),
      })),
      sealed: repos.secrets.names(),
    };
  }

  /**
   * The technician's recovery from a data-key problem (issue 16): a new data
   * key, on purpose. Secrets sealed under the old one are dropped (the QR
   * gateway and back-office tokens must be entered again, the screens say
   * "not set"); card numbers kept for pending reversals can't be read any
   * more — those reversals end with a fault slip for manual handling.
   */
  function replaceSecretKey(operatorNo: string, now: number) {
    const report = problemReport();
    if (!report) return;
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const { setAside } = secretBox.replaceKey(`replaced-${stamp}`);
    repos.inTransaction(() => {
      for (const name of report.sealed) repos.secrets.remove(name);
      repos.audit.append(
        {
          operatorNo,
          action: 'secret.key.replaced',
          detail: {
            problem: report.problem,
            oldKeySetAside: setAside,
            droppedSecrets: report.sealed,
            pendingReversals: report.pendingReversals.map(
              (r) => `${r.batchNo}/${r.traceNo} ${r.amountFen} ${r.panMasked}`,
            ),
          },
        },
        now,
      );
    });
  }

  return {
    tmk(): Buffer | null {
      const stored = repos.secrets.get(TMK);
      if (stored) return secretBox.open(stored.sealed);
      return isTraining(settings.get()) ? Buffer.from(TRAINING_TMK_HEX, 'hex') : null;
    },
    /** The data key's problem, if any (app:info shows it to whoever is at the till). */
    secretKeyProblem(): SecretKeyProblem['problem'] | null {
      return secretBox.problem();
    },
    status(): KeyStatus {
      const stored = repos.secrets.get(TMK);
      const report = problemReport();
      const problem = report ? { secretKeyProblem: report } : {};
      if (stored) return { source: 'injected', checkValue: stored.checkValue, ...problem };
      return isTraining(settings.get())
        ? {
            source: 'training-default',
            checkValue: checkValue(Buffer.from(TRAINING_TMK_HEX, 'hex')),
            ...problem,
          }
        : { source: 'none', checkValue: null, ...problem };
    },
    /**
     * XORs the components, stores the key sealed, audits only its check value.
     * With a data-key problem it is refused unless `replaceSecretKey` says the
     * technician chose a new data key (see replaceSecretKey).
     */
    inject(
      components: string[],
      operatorNo: string,
      opts: { replaceSecretKey?: boolean } = {},
    ): KeyStatus {
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
      const problem = secretBox.problem();
      if (problem) {
        if (!opts.replaceSecretKey) fail('SECRET_KEY_PROBLEM', { problem });
        replaceSecretKey(operatorNo, now);
      }
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
