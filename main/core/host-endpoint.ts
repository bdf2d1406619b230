import type { HostEndpoint } from '../host/client';
import { startTrainingHost, type TrainingHost } from '../host/training';
import { isUnregisteredTrainingTerminal } from '../host/training/training-keys';
import { isTraining } from '../settings/schema';
import type { SettingsStore } from '../settings/store';

/**
 * Where the acquirer host is. With a host address configured, that host; in
 * training mode, the training host started in-process on a loopback port the
 * first time it's needed, knowing this terminal (unless its number starts 97,
 * which shows the "terminal not registered" path) and its master key.
 */
export function createHostEndpoints(deps: { settings: SettingsStore; tmk: () => Buffer | null }) {
  let training: Promise<TrainingHost> | null = null;

  function register(host: TrainingHost) {
    const p = deps.settings.get();
    const tmk = deps.tmk();
    if (!p.terminalNumber || !p.merchantNumber || !tmk) return;
    if (isUnregisteredTrainingTerminal(p.terminalNumber)) host.unregister(p.terminalNumber);
    else host.register({ terminal: p.terminalNumber, merchant: p.merchantNumber, tmk });
  }

  return {
    async endpoint(): Promise<HostEndpoint> {
      const p = deps.settings.get();
      const base = {
        tls: p.host.tls,
        timeoutMs: p.host.timeoutSec * 1000,
        tpdu: Buffer.from(p.host.tpdu, 'hex'),
        header: Buffer.from(p.host.header, 'hex'),
      };
      if (!isTraining(p)) {
        const [host = '', port = '0'] = p.host.address.split(':');
        const ca = p.host.caCertificate ? { ca: p.host.caCertificate } : {};
        return { ...base, ...ca, host, port: Number(port) };
      }
      training ??= startTrainingHost();
      const host = await training;
      register(host);
      return { ...base, tls: false, host: host.host, port: host.port };
    },
    /** The in-process training host, if training mode has started it. */
    trainingHost: (): Promise<TrainingHost> | null => training,
    async close(): Promise<void> {
      if (training) await (await training).close();
      training = null;
    },
  };
}
