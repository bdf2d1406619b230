import type {
  HostSettings,
  TerminalSetup,
  TerminalSummary,
  TransactionPolicy,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { failFields } from '../../domain/errors';
import { applySetup, checkSetupRules, diffParameters, setupOf } from '../../domain/terminal-params';
import { caFingerprints } from '../../host/ca-certificate';
import type { SettingsStore } from '../../settings/store';

export interface SetupDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  /** Called after a successful save so peripherals pick up the new settings. */
  onSaved?: () => void;
  /** Called after the host settings change (the host session must start over). */
  onHostSaved?: () => void;
}

/** The technician's terminal setup (first-run wizard, later parameter screens). */
export function createSetupService({ repos, settings, clock, onSaved, onHostSaved }: SetupDeps) {
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
    host(): HostSettings {
      return settings.get().host;
    },

    /**
     * Host address, TLS, timeout, retries, TPDU, header, CA certificate: shaped
     * by the contract; here the CA must also load as certificates. The audit
     * log records the CA by fingerprint, not the whole PEM text.
     */
    saveHost(host: HostSettings, operatorNo: string): HostSettings {
      const fingerprints = caFingerprints(host.caCertificate);
      if (!fingerprints) failFields([{ field: 'caCertificate', rule: 'caCertificate' }]);
      const before = settings.get();
      const after = { ...before, host };
      const beforeFingerprints = caFingerprints(before.host.caCertificate) ?? ['?'];
      settings.save(after);
      const audited = (p: typeof before, prints: string[]) => ({
        ...p,
        host: { ...p.host, caCertificate: prints.map((f) => `SHA256:${f}`) },
      });
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: {
            changes: diffParameters(
              audited(before, beforeFingerprints),
              audited(after, fingerprints),
            ),
          },
        },
        clock.now(),
      );
      onHostSaved?.();
      return settings.get().host;
    },

    policy(): TransactionPolicy {
      const p = settings.get();
      return { ...p.enabled, passwordExpiryDays: p.passwordExpiryDays };
    },

    /** Transaction switches, maximum refund and password expiry; audited old → new. */
    savePolicy(policy: TransactionPolicy, operatorNo: string): TransactionPolicy {
      const before = settings.get();
      const { passwordExpiryDays, ...enabled } = policy;
      const after = { ...before, enabled, passwordExpiryDays };
      settings.save(after);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { changes: diffParameters(before, after) },
        },
        clock.now(),
      );
      return { ...after.enabled, passwordExpiryDays: after.passwordExpiryDays };
    },

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
