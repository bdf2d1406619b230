import { Buffer } from 'node:buffer';
import { PrinterError } from './errors';
import type { PrinterErrorCode } from './errors';
import type { ReceiptPrinter } from './printer';
import { type DrawerOpenLevel, isStatusByte, type PrinterStatus, statusQuery } from './status';
import { DEFAULT_STATUS_TIMEOUT_MS, readPrinterStatus } from './status-query';

/*
 * USB printers (device or interface class 7) through the `usb` package, whose devices follow the
 * WebUSB API. Only what we call is declared here, so the driver runs against the real package
 * (loadUsbBus) or a fake bus in tests, and a change in the package shows up as a type error.
 */

export const USB_PRINTER_CLASS = 7;

export interface UsbEndpointLike {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous';
  packetSize: number;
}

export interface UsbAlternateLike {
  alternateSetting: number;
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
  endpoints: readonly UsbEndpointLike[];
}

export interface UsbInterfaceLike {
  interfaceNumber: number;
  alternates: readonly UsbAlternateLike[];
}

export interface UsbConfigurationLike {
  configurationValue: number;
  interfaces: readonly UsbInterfaceLike[];
}

export interface UsbOutResult {
  status: 'ok' | 'stall' | 'babble';
  bytesWritten: number;
}

export interface UsbInResult {
  status: 'ok' | 'stall' | 'babble';
  data?: DataView;
}

export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturerName?: string | null;
  readonly productName?: string | null;
  readonly serialNumber?: string | null;
  readonly opened: boolean;
  readonly configuration?: UsbConfigurationLike | null;
  readonly configurations: readonly UsbConfigurationLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void>;
  /** The `usb` package takes a timeout in ms as a third argument (WebUSB has none). */
  transferOut(endpointNumber: number, data: Uint8Array, timeoutMs?: number): Promise<UsbOutResult>;
  transferIn(endpointNumber: number, length: number, timeoutMs?: number): Promise<UsbInResult>;
  /** Linux: unbinds the kernel's usblp driver, which otherwise holds the printer interface. */
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
}

export interface UsbBus {
  getDevices(): Promise<UsbDeviceLike[]>;
}

/**
 * The machine's USB bus through the `usb` package, loaded on first use so that nothing native is
 * loaded by code that never touches USB. Rejects when the package or its binary can't load.
 */
export async function loadUsbBus(): Promise<UsbBus> {
  const { usb } = await import('usb');
  // The package adds transferIn/transferOut to its device class at run time and types them
  // through the WebUSB globals, which our Node-only compile doesn't load: hence the cast.
  return {
    getDevices: async () => (await usb.getDevices()) as unknown as UsbDeviceLike[],
  };
}

export interface UsbPrinterInterface {
  configurationValue: number;
  interfaceNumber: number;
  alternateSetting: number;
  /** 1 unidirectional, 2 bidirectional (answers status on the IN endpoint), 3 IEEE 1284.4. */
  protocol: number;
  outEndpoint: number;
  inEndpoint?: number;
  /** Max packet size of the OUT endpoint. */
  packetSize: number;
}

/** The printer-class interfaces of a configuration that have a bulk OUT endpoint. */
export function findPrinterInterfaces(config: UsbConfigurationLike): UsbPrinterInterface[] {
  const found: UsbPrinterInterface[] = [];
  for (const iface of config.interfaces) {
    for (const alt of iface.alternates) {
      if (alt.interfaceClass !== USB_PRINTER_CLASS) continue;
      const bulk = alt.endpoints.filter((e) => e.type === 'bulk');
      const out = bulk.find((e) => e.direction === 'out');
      if (!out) continue;
      const inEp = bulk.find((e) => e.direction === 'in');
      const entry: UsbPrinterInterface = {
        configurationValue: config.configurationValue,
        interfaceNumber: iface.interfaceNumber,
        alternateSetting: alt.alternateSetting,
        protocol: alt.interfaceProtocol,
        outEndpoint: out.endpointNumber,
        packetSize: out.packetSize,
      };
      if (inEp) entry.inEndpoint = inEp.endpointNumber;
      found.push(entry);
    }
  }
  // Bidirectional first: it can also answer status.
  return found.sort(
    (a, b) => Number(b.inEndpoint !== undefined) - Number(a.inEndpoint !== undefined),
  );
}

function printerInterfaceOf(device: UsbDeviceLike): UsbPrinterInterface | undefined {
  const configs = device.configuration
    ? [device.configuration, ...device.configurations]
    : device.configurations;
  for (const config of configs) {
    const [first] = findPrinterInterfaces(config);
    if (first) return first;
  }
  return undefined;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

export interface UsbPrinterId {
  vendorId: number;
  productId: number;
  /** Tells two printers of the same model apart. */
  serialNumber?: string;
}

export function usbAddress(id: UsbPrinterId): string {
  const base = `usb:${hex4(id.vendorId)}:${hex4(id.productId)}`;
  return id.serialNumber ? `${base}:${id.serialNumber}` : base;
}

export interface UsbPrinterInfo extends UsbPrinterId {
  address: string;
  manufacturer?: string;
  product?: string;
  interfaceNumber: number;
  bidirectional: boolean;
}

/** USB devices with a printer-class interface (class 7) and a bulk OUT endpoint. */
export async function listUsbPrinters(bus?: UsbBus): Promise<UsbPrinterInfo[]> {
  const devices = await (bus ?? (await loadUsbBus())).getDevices();
  const printers: UsbPrinterInfo[] = [];
  for (const device of devices) {
    let iface: UsbPrinterInterface | undefined;
    try {
      iface = printerInterfaceOf(device);
    } catch {
      continue; // descriptors unreadable (no permission): not one we could print to anyway
    }
    if (!iface) continue;
    const info: UsbPrinterInfo = {
      vendorId: device.vendorId,
      productId: device.productId,
      address: '',
      interfaceNumber: iface.interfaceNumber,
      bidirectional: iface.inEndpoint !== undefined,
    };
    if (device.serialNumber) info.serialNumber = device.serialNumber;
    if (device.manufacturerName) info.manufacturer = device.manufacturerName;
    if (device.productName) info.product = device.productName;
    info.address = usbAddress(info);
    printers.push(info);
  }
  return printers;
}

export interface UsbPrinterConfig extends UsbPrinterId {
  /** Per transfer; a job goes out in chunks of `chunkBytes` (default 15 s). */
  writeTimeoutMs?: number;
  /** How long each DLE EOT answer may take (default 2 s). */
  statusTimeoutMs?: number;
  /** Bytes per bulk transfer (default 4096). */
  chunkBytes?: number;
  drawerOpenLevel?: DrawerOpenLevel;
}

export type UsbReceiptPrinter = ReceiptPrinter<'usb'> & {
  queryStatus(): Promise<PrinterStatus>;
};

const DEFAULT_WRITE_TIMEOUT_MS = 15_000;
const DEFAULT_CHUNK_BYTES = 4096;

/** `getBus` is for tests; by default the `usb` package's bus is loaded at the first job. */
export function createUsbPrinter(
  cfg: UsbPrinterConfig,
  getBus: () => Promise<UsbBus> = loadUsbBus,
): UsbReceiptPrinter {
  const address = usbAddress(cfg);
  const writeTimeoutMs = cfg.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  const statusTimeoutMs = cfg.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const chunkBytes = Math.max(64, cfg.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  let queue: Promise<unknown> = Promise.resolve();

  const fail = (code: PrinterErrorCode, message: string, cause?: unknown): PrinterError =>
    new PrinterError(code, address, message, cause === undefined ? undefined : { cause });
  const reason = (error: unknown): string =>
    error instanceof Error ? error.message : String(error);

  async function find(): Promise<UsbDeviceLike> {
    let devices: UsbDeviceLike[];
    try {
      devices = await (await getBus()).getDevices();
    } catch (error) {
      throw fail('PRINTER_UNREACHABLE', `USB not available: ${reason(error)}`, error);
    }
    const device = devices.find(
      (d) =>
        d.vendorId === cfg.vendorId &&
        d.productId === cfg.productId &&
        (cfg.serialNumber === undefined || d.serialNumber === cfg.serialNumber),
    );
    if (!device) throw fail('PRINTER_UNREACHABLE', 'no such USB device is connected');
    return device;
  }

  /** Opens and claims the printer interface, runs `work`, releases and closes. */
  async function session<T>(
    work: (device: UsbDeviceLike, iface: UsbPrinterInterface) => Promise<T>,
  ): Promise<T> {
    const device = await find();
    let claimed: number | undefined;
    let iface: UsbPrinterInterface | undefined;
    try {
      if (!device.opened) await device.open();
      iface = device.configuration ? findPrinterInterfaces(device.configuration)[0] : undefined;
      if (!iface) {
        iface = printerInterfaceOf(device);
        if (!iface) throw new Error('the device has no printer interface with a bulk OUT endpoint');
        await device.selectConfiguration(iface.configurationValue);
      }
      try {
        await device.claimInterface(iface.interfaceNumber);
      } catch (error) {
        // Linux binds usblp (/dev/usb/lp0) to printers; take the interface over from it.
        if (!device.detachKernelDriver) throw error;
        await device.detachKernelDriver(iface.interfaceNumber);
        await device.claimInterface(iface.interfaceNumber);
      }
      claimed = iface.interfaceNumber;
      if (iface.alternateSetting !== 0) {
        await device.selectAlternateInterface(iface.interfaceNumber, iface.alternateSetting);
      }
    } catch (error) {
      await device.close().catch(() => undefined);
      throw fail('PRINTER_UNREACHABLE', `can't open the USB printer: ${reason(error)}`, error);
    }
    try {
      return await work(device, iface);
    } finally {
      if (claimed !== undefined) await device.releaseInterface(claimed).catch(() => undefined);
      await device.close().catch(() => undefined);
    }
  }

  async function send(device: UsbDeviceLike, endpoint: number, bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length; at += chunkBytes) {
      const chunk = bytes.subarray(at, at + chunkBytes);
      let result: UsbOutResult;
      try {
        result = await device.transferOut(endpoint, chunk, writeTimeoutMs);
      } catch (error) {
        const text = reason(error);
        const code = /time/i.test(text) ? 'PRINTER_TIMEOUT' : 'PRINTER_DISCONNECTED';
        throw fail(code, text, error);
      }
      if (result.status !== 'ok' || result.bytesWritten !== chunk.length) {
        throw fail(
          'PRINTER_DISCONNECTED',
          `bulk transfer ${result.status}, ${result.bytesWritten} of ${chunk.length} bytes`,
        );
      }
    }
  }

  function serialised<T>(run: () => Promise<T>): Promise<T> {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    target: 'usb',
    address,
    print(bytes: Uint8Array): Promise<void> {
      const job = Buffer.from(bytes);
      return serialised(() => session((device, iface) => send(device, iface.outEndpoint, job)));
    },
    queryStatus(): Promise<PrinterStatus> {
      return serialised(() =>
        session(async (device, iface) => {
          const inEndpoint = iface.inEndpoint;
          if (inEndpoint === undefined) {
            throw fail('PRINTER_UNREACHABLE', 'the printer is unidirectional: it has no status');
          }
          return readPrinterStatus(
            async (n) => {
              await send(device, iface.outEndpoint, statusQuery(n));
              const deadline = Date.now() + statusTimeoutMs;
              while (Date.now() < deadline) {
                const left = Math.max(1, deadline - Date.now());
                const answer = await device
                  .transferIn(inEndpoint, 64, left)
                  .catch((error: unknown) => {
                    if (/time/i.test(reason(error))) return null;
                    throw fail('PRINTER_DISCONNECTED', reason(error), error);
                  });
                if (answer?.status === 'ok' && answer.data) {
                  const data = new Uint8Array(
                    answer.data.buffer,
                    answer.data.byteOffset,
                    answer.data.byteLength,
                  );
                  const byte = data.find(isStatusByte);
                  if (byte !== undefined) return byte;
                }
              }
              throw fail(
                'PRINTER_TIMEOUT',
                `no answer to DLE EOT ${n} within ${statusTimeoutMs} ms`,
              );
            },
            { drawerOpenLevel: cfg.drawerOpenLevel },
          );
        }),
      );
    },
  };
}
