import type { SerialPort } from 'serialport';

/**
 * Real serial ports for the drivers (printer, customer display, PIN pad, scanner), which all talk
 * to a Node Duplex: a `serialport` SerialPort is one, so what this returns plugs straight into
 * createSerialPinPad, createSerialScanner, createSerialCustomerDisplay and the serial printer.
 */
export interface SerialPortSettings {
  /** `/dev/ttyS0`, `/dev/ttyUSB0` on Linux; `COM3` on Windows. */
  path: string;
  /** Default 9600, what most receipt printers, pole displays and PIN pads ship with. */
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  /** Hardware (RTS/CTS) flow control: a busy printer holds CTS low instead of losing bytes. */
  rtscts?: boolean;
  /** Software (XON/XOFF) flow control. */
  xonxoff?: boolean;
}

export const DEFAULT_BAUD_RATE = 9600;

// Loaded on first use: the package loads its native binding on import, and an app on a machine
// where that fails must still start (and report the port as unreachable when it is used).
const loadSerialPort = async (): Promise<typeof SerialPort> =>
  (await import('serialport')).SerialPort;

/** A port that could not be opened (missing, in use, no permission). `cause` has the OS error. */
export class SerialPortError extends Error {
  readonly path: string;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, options);
    this.name = 'SerialPortError';
    this.path = path;
  }
}

/**
 * A SerialPort's destroy() ends the stream but leaves the OS port open (the package only closes
 * it in close()), and the drivers end their port with destroy() as they would any Duplex. So
 * destroy() closes the OS port too; 'close' is still emitted once, by the stream.
 */
function releaseOnDestroy(port: SerialPort): SerialPort {
  port._destroy = (error: Error | null, callback: (error?: Error | null) => void): void => {
    const os = port.port;
    if (!os?.isOpen) {
      callback(error);
      return;
    }
    port.closing = true;
    os.close().then(
      () => {
        port.closing = false;
        callback(error);
      },
      (closeError: unknown) => {
        port.closing = false;
        callback(
          error ?? (closeError instanceof Error ? closeError : new Error(String(closeError))),
        );
      },
    );
  };
  return port;
}

/** Opens the port; resolves once it is open (the returned stream can be written at once). */
export async function openSerialPort(settings: SerialPortSettings): Promise<SerialPort> {
  let SerialPortClass: typeof SerialPort;
  try {
    SerialPortClass = await loadSerialPort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SerialPortError(settings.path, `serial support failed to load: ${reason}`, {
      cause: error,
    });
  }
  return new Promise<SerialPort>((resolve, reject) => {
    let port: SerialPort | undefined;
    try {
      port = new SerialPortClass(
        {
          path: settings.path,
          baudRate: settings.baudRate ?? DEFAULT_BAUD_RATE,
          dataBits: settings.dataBits ?? 8,
          stopBits: settings.stopBits ?? 1,
          parity: settings.parity ?? 'none',
          rtscts: settings.rtscts ?? false,
          xon: settings.xonxoff ?? false,
          xoff: settings.xonxoff ?? false,
        },
        (error) => {
          if (error) {
            reject(new SerialPortError(settings.path, error.message, { cause: error }));
          } else {
            resolve(releaseOnDestroy(port as SerialPort));
          }
        },
      );
    } catch (error) {
      // Bad settings (an unknown baud rate type, an empty path) throw before any I/O.
      const reason = error instanceof Error ? error.message : String(error);
      reject(new SerialPortError(settings.path, reason, { cause: error }));
    }
  });
}

/** Closes the port if it is open; never rejects (a port unplugged meanwhile is closed anyway). */
export function closeSerialPort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return Promise.resolve();
  return new Promise<void>((resolve) => port.close(() => resolve()));
}

/** Writes bytes and resolves once the OS has sent them on (write, then tcdrain). */
export function writeAndDrain(port: SerialPort, bytes: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    port.write(Buffer.from(bytes), (writeError) => {
      if (writeError) {
        reject(writeError);
        return;
      }
      port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
    });
  });
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  /** USB vendor/product id (hex, lower case) when the port is a USB-serial adapter. */
  vendorId?: string;
  productId?: string;
  pnpId?: string;
}

/** The serial ports the OS knows of, sorted by path, for the technician to pick from. */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await (await loadSerialPort()).list();
  return ports
    .map((p) => {
      const info: SerialPortInfo = { path: p.path };
      if (p.manufacturer) info.manufacturer = p.manufacturer;
      if (p.serialNumber) info.serialNumber = p.serialNumber;
      if (p.vendorId) info.vendorId = p.vendorId.toLowerCase();
      if (p.productId) info.productId = p.productId.toLowerCase();
      if (p.pnpId) info.pnpId = p.pnpId;
      return info;
    })
    .sort((x, y) => x.path.localeCompare(y.path, 'en', { numeric: true }));
}
