import type { PeripheralSettings } from '../../../preload/contract';
import { listUsbPrinters } from '../../../native/printer/transport-usb';
import { listSerialPorts } from '../../../native/serial/open-port';
import type { Clock } from '../../core/clock';
import { errorFields, type Logger } from '../../core/logger';
import type { Repositories } from '../../db';
import { diffParameters } from '../../domain/terminal-params';
import type { SettingsStore } from '../../settings/store';

/**
 * 外设设置 (99): the printer's transport and options, the drawer pulse, and
 * where the scanner, PIN pad and customer display are plugged in; discovery of
 * serial ports and USB printers where the OS allows it.
 */
export function createPeripheralsService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  /** A printer change may be the fix for waiting jobs: try them at once. */
  onSaved(): void;
}) {
  const { repos, settings, clock, logger } = deps;

  function current(): PeripheralSettings {
    const p = settings.get();
    return {
      printer: p.printer,
      paperWidth: p.receipt.paperWidth,
      copies: p.receipt.copies,
      peripherals: p.peripherals,
    };
  }

  return {
    current,

    save(input: PeripheralSettings, operatorNo: string): PeripheralSettings {
      const before = settings.get();
      const after = {
        ...before,
        printer: input.printer,
        receipt: { ...before.receipt, paperWidth: input.paperWidth, copies: input.copies },
        peripherals: input.peripherals,
      };
      settings.save(after);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { changes: diffParameters(before, after) },
        },
        clock.now(),
      );
      deps.onSaved();
      return current();
    },

    /** Each list on its own: no USB access must not hide the serial ports, and the other way round. */
    async discover() {
      const problems: string[] = [];
      const serialPorts = await listSerialPorts().catch((err: unknown) => {
        logger.warn('serial port discovery failed', errorFields(err));
        problems.push(`serial: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      });
      const usbPrinters = await listUsbPrinters().catch((err: unknown) => {
        logger.warn('USB printer discovery failed', errorFields(err));
        problems.push(`usb: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      });
      return {
        serialPorts: serialPorts.map((p) => ({
          path: p.path,
          manufacturer: p.manufacturer ?? null,
        })),
        usbPrinters: usbPrinters.map((u) => ({
          vendorId: u.vendorId,
          productId: u.productId,
          address: u.address,
          product: u.product ?? null,
        })),
        problems,
      };
    },
  };
}
export type PeripheralsService = ReturnType<typeof createPeripheralsService>;
