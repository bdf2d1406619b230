import type { Clock } from '../../core/clock';
import { QR_TOKEN } from '../../core/qr-endpoint';
import type { Repositories } from '../../db';
import type { SecretBox } from '../../secrets/secret-box';
import type { SettingsStore } from '../../settings/store';

export interface QrGatewayView {
  baseUrl: string;
  timeoutSec: number;
  tokenSet: boolean;
}

/**
 * The technician's QR gateway settings: address and timeout in the parameters
 * file, the bearer token sealed in the secrets table (never shown again, never
 * in the audit log: only that it changed).
 */
export function createQrSettingsService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  secretBox: SecretBox;
  clock: Clock;
}) {
  const { repos, settings, secretBox, clock } = deps;
  const view = (): QrGatewayView => ({
    ...settings.get().qr,
    tokenSet: repos.secrets.get(QR_TOKEN) !== null,
  });
  return {
    get: view,
    save(input: { baseUrl: string; timeoutSec: number; token?: string }, operatorNo: string) {
      const before = settings.get();
      const now = clock.now();
      repos.inTransaction(() => {
        if (input.token)
          repos.secrets.put(QR_TOKEN, secretBox.seal(Buffer.from(input.token)), null, now);
        repos.audit.append(
          {
            operatorNo,
            action: 'qr.gateway.changed',
            detail: {
              baseUrl: [before.qr.baseUrl, input.baseUrl],
              timeoutSec: [before.qr.timeoutSec, input.timeoutSec],
              tokenReplaced: Boolean(input.token),
            },
          },
          now,
        );
        settings.save({ ...before, qr: { baseUrl: input.baseUrl, timeoutSec: input.timeoutSec } });
      });
      return view();
    },
  };
}
export type QrSettingsService = ReturnType<typeof createQrSettingsService>;
