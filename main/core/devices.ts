import type { PrinterSetting } from '../../preload/contract';
import {
  createSimulatedPinPad,
  isSimulatedPinPad,
  trainingOnlyPinPad,
  type PinPad,
} from '../../native/pinpad';
import { createSimulatedScanner, type Scanner } from '../../native/scanner';
import { createSimulatedCustomerDisplay, type CustomerDisplay } from '../../native/display';
import { createSerialPrinter } from '../../native/printer/transport-serial';
import { createUsbPrinter } from '../../native/printer/transport-usb';
import {
  createTcpPrinter,
  createVirtualPrinter,
  type ReceiptPrinter,
} from '../../native/printer/printer';
import { pinPadPanel } from '../api/handlers/pinpad';
import { checkValue, pinBlock, tdesEcbDecrypt } from '../host/crypto';
import type { KeyService } from '../services/cards/key-service';
import { isTraining } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import type { PosCoreOptions, SharedParts } from './core-types';
import { errorFields, type Logger } from './logger';
import { openConfiguredDevices } from './serial-devices';

/**
 * The devices at the counter, wired once per start (split from build-core.ts:
 * this changes when a device or its fallback does, not when a service does).
 */
/** The driver for the configured printer; built per job, so a settings change applies at once. */
export function printerFor(setting: PrinterSetting): ReceiptPrinter {
  switch (setting.kind) {
    case 'tcp':
      return createTcpPrinter({ host: setting.host, port: setting.port });
    case 'serial':
      return createSerialPrinter({ path: setting.path, baudRate: setting.baudRate });
    case 'usb':
      return createUsbPrinter({ vendorId: setting.vendorId, productId: setting.productId });
    case 'virtual':
      return createVirtualPrinter();
  }
}

/** The PIN pad, scanner and customer display the core works with, and their events to the screen. */
export async function openDevices(c: {
  opts: PosCoreOptions;
  settings: SettingsStore;
  keys: Pick<KeyService, 'tmk'>;
  events: SharedParts['events'];
  logger: Logger;
}): Promise<{ pinpad: PinPad; scanner: Scanner; display: CustomerDisplay }> {
  const { opts, settings, keys, events, logger } = c;
  // Serial devices set under 外设设置 (opened once per start; simulated ones otherwise).
  const serial = await openConfiguredDevices(settings.get().peripherals, logger);
  // The PIN pad: a shell's own device, else the serial one set under 外设设置, else the
  // simulated one — in training mode only; outside it there is no PIN pad (issue 16).
  const trainingPad = trainingOnlyPinPad(
    createSimulatedPinPad({
      // The PIN key arrives under the TMK; the simulated device unwraps and checks it.
      unwrapPinKey(pikUnderTmk, kcv) {
        const tmk = keys.tmk();
        if (!tmk) throw new Error('no terminal master key');
        const pik = tdesEcbDecrypt(tmk, pikUnderTmk);
        if (checkValue(pik) !== kcv.toUpperCase()) throw new Error('PIN key check value mismatch');
        return pik;
      },
      pinBlock,
    }),
    () => isTraining(settings.get()),
  );
  const pinpad: PinPad = opts.pinpad ?? serial.pinpad ?? trainingPad;
  if (pinpad === trainingPad)
    trainingPad.onChange(() => {
      if (isSimulatedPinPad(trainingPad)) events.emit('pinpad:changed', pinPadPanel(trainingPad));
    });

  // A serial or simulated scanner's codes go to the screen; the code itself is never logged.
  const scanner: Scanner =
    opts.scanner ??
    serial.scanner ??
    createSimulatedScanner({ onError: (e) => logger.warn('scanner error', errorFields(e)) });
  scanner.onScan((code) => events.emit('scanner:scanned', { code }));
  // The pole display facing the customer; simulated unless the shell passes a serial one.
  const display: CustomerDisplay =
    opts.display ?? serial.display ?? createSimulatedCustomerDisplay();
  return { pinpad, scanner, display };
}
