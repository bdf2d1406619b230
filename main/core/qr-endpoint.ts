import { randomBytes } from 'node:crypto';
import type { Repositories } from '../db';
import { fail } from '../domain/errors';
import {
  createQrGatewayClient,
  startTrainingGateway,
  type QrGatewayClient,
  type TrainingGateway,
  type TrainingLedgerOptions,
} from '../qr';
import type { SecretBox } from '../secrets/secret-box';
import { isTraining } from '../settings/schema';
import type { SettingsStore } from '../settings/store';

/** Name of the sealed gateway token in the secrets table. */
export const QR_TOKEN = 'qr-gateway-token';

/**
 * Which QR gateway to talk to: the configured one (its bearer token unsealed
 * from the secrets table), or in training mode the training gateway, started
 * in-process on a loopback port the first time it's needed with a fresh
 * random token, so nothing else on the machine can pay through it.
 */
export function createQrEndpoints(deps: {
  settings: SettingsStore;
  repos: Repositories;
  secretBox: SecretBox;
  training?: TrainingLedgerOptions;
}) {
  let training: Promise<{ gateway: TrainingGateway; token: string }> | null = null;

  return {
    async client(): Promise<QrGatewayClient> {
      const p = deps.settings.get();
      const ids = { merchant: p.merchantNumber ?? '', terminal: p.terminalNumber ?? '' };
      const timeoutMs = p.qr.timeoutSec * 1000;
      if (!isTraining(p)) {
        const sealed = deps.repos.secrets.get(QR_TOKEN);
        if (!p.qr.baseUrl || !sealed) fail('QR_GATEWAY_NOT_CONFIGURED');
        const token = deps.secretBox.open(sealed.sealed).toString('utf8');
        return createQrGatewayClient({ baseUrl: p.qr.baseUrl, token, timeoutMs, ...ids });
      }
      training ??= (async () => {
        const token = randomBytes(16).toString('hex');
        return { gateway: await startTrainingGateway({ ...deps.training, token }), token };
      })();
      const { gateway, token } = await training;
      return createQrGatewayClient({ baseUrl: gateway.baseUrl, token, timeoutMs, ...ids });
    },
    /** The in-process training gateway, if training mode has started it. */
    trainingGateway: async (): Promise<TrainingGateway | null> =>
      training ? (await training).gateway : null,
    async close(): Promise<void> {
      if (training) await (await training).gateway.close();
      training = null;
    },
  };
}
export type QrEndpoints = ReturnType<typeof createQrEndpoints>;
