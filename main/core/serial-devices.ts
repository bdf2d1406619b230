import type { CustomerDisplay } from '../../native/display';
import { openSerialCustomerDisplay } from '../../native/display';
import { createSerialPinPad, type PinPad } from '../../native/pinpad';
import { createSerialScanner, type Scanner } from '../../native/scanner';
import { openSerialPort } from '../../native/serial/open-port';
import type { Peripherals } from '../../preload/contract';
import { errorFields, type Logger } from './logger';

/**
 * Opens the serial scanner, PIN pad and customer display the technician set
 * under 外设设置. A port that can't be opened (unplugged, wrong path, in use)
 * doesn't stop the till: it is logged, the device falls back to the simulated
 * one, and the diagnostics screen says the configured device is missing.
 */
export async function openConfiguredDevices(
  peripherals: Peripherals,
  logger: Logger,
): Promise<{ scanner?: Scanner; pinpad?: PinPad; display?: CustomerDisplay }> {
  const out: { scanner?: Scanner; pinpad?: PinPad; display?: CustomerDisplay } = {};
  const attempt = async (device: string, open: () => Promise<void>) => {
    try {
      await open();
    } catch (err) {
      logger.error('configured serial device could not be opened', {
        device,
        ...errorFields(err),
      });
    }
  };
  const { scanner, pinpad, display } = peripherals;
  if (scanner.kind === 'serial')
    await attempt('scanner', async () => {
      const port = await openSerialPort({ path: scanner.path, baudRate: scanner.baudRate });
      out.scanner = createSerialScanner(port, {
        onError: (e) => logger.warn('scanner error', errorFields(e)),
      });
    });
  if (pinpad.kind === 'serial')
    await attempt('pinpad', async () => {
      const port = await openSerialPort({ path: pinpad.path, baudRate: pinpad.baudRate });
      out.pinpad = createSerialPinPad(port);
    });
  if (display.kind === 'serial')
    await attempt('display', async () => {
      out.display = await openSerialCustomerDisplay({
        path: display.path,
        baudRate: display.baudRate,
      });
    });
  return out;
}
