import { describe, expect, it } from 'vitest';
import { PrinterError } from '../../../../native/printer/errors';
import {
  encodeStatusBytes,
  type SimulatedPrinterState,
  statusByteFor,
  StatusQueryScanner,
} from '../../../../native/printer/status';
import {
  createUsbPrinter,
  findPrinterInterfaces,
  listUsbPrinters,
  type UsbBus,
  type UsbConfigurationLike,
  type UsbDeviceLike,
  type UsbInResult,
  type UsbOutResult,
  usbAddress,
} from '../../../../native/printer/transport-usb';

const bulk = (endpointNumber: number, direction: 'in' | 'out') => ({
  endpointNumber,
  direction,
  type: 'bulk' as const,
  packetSize: 64,
});

const printerConfig = (protocol: 1 | 2, interfaceNumber = 0): UsbConfigurationLike => ({
  configurationValue: 1,
  interfaces: [
    {
      interfaceNumber,
      alternates: [
        {
          alternateSetting: 0,
          interfaceClass: 7,
          interfaceSubclass: 1,
          interfaceProtocol: protocol,
          endpoints: protocol === 2 ? [bulk(1, 'out'), bulk(2, 'in')] : [bulk(1, 'out')],
        },
      ],
    },
  ],
});

const hidConfig: UsbConfigurationLike = {
  configurationValue: 1,
  interfaces: [
    {
      interfaceNumber: 0,
      alternates: [
        {
          alternateSetting: 0,
          interfaceClass: 3,
          interfaceSubclass: 1,
          interfaceProtocol: 1,
          endpoints: [{ endpointNumber: 1, direction: 'in', type: 'interrupt', packetSize: 8 }],
        },
      ],
    },
  ],
};

interface FakeOptions {
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
  config?: UsbConfigurationLike;
  /** The configuration is not set until selectConfiguration (as on a fresh device). */
  unconfigured?: boolean;
  /** claimInterface fails until the kernel driver is detached (Linux usblp). */
  kernelDriverBound?: boolean;
  state?: SimulatedPrinterState;
  silent?: boolean;
  stallAfterBytes?: number;
}

class FakeDevice implements UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturerName = 'Fake Printer Co.';
  readonly productName = 'TM-FAKE';
  readonly serialNumber: string | null;
  opened = false;
  configuration: UsbConfigurationLike | null;
  readonly configurations: UsbConfigurationLike[];
  readonly log: string[] = [];
  readonly received: Buffer[] = [];
  private readonly scanner = new StatusQueryScanner();
  private readonly answers: number[] = [];
  private kernelDriverBound: boolean;
  private sent = 0;

  constructor(private readonly opts: FakeOptions = {}) {
    this.vendorId = opts.vendorId ?? 0x04b8;
    this.productId = opts.productId ?? 0x0e15;
    this.serialNumber = opts.serialNumber ?? null;
    const config = opts.config ?? printerConfig(2);
    this.configurations = [config];
    this.configuration = opts.unconfigured ? null : config;
    this.kernelDriverBound = opts.kernelDriverBound ?? false;
  }

  async open() {
    this.log.push('open');
    this.opened = true;
  }
  async close() {
    this.log.push('close');
    this.opened = false;
  }
  async selectConfiguration(value: number) {
    this.log.push(`config ${value}`);
    this.configuration = this.configurations.find((c) => c.configurationValue === value) ?? null;
  }
  async claimInterface(n: number) {
    if (this.kernelDriverBound) throw new Error('LIBUSB_ERROR_BUSY');
    this.log.push(`claim ${n}`);
  }
  async releaseInterface(n: number) {
    this.log.push(`release ${n}`);
  }
  async selectAlternateInterface(n: number, alt: number) {
    this.log.push(`alt ${n} ${alt}`);
  }
  async detachKernelDriver(n: number) {
    this.log.push(`detach ${n}`);
    this.kernelDriverBound = false;
  }
  async transferOut(endpoint: number, data: Uint8Array): Promise<UsbOutResult> {
    this.log.push(`out ${endpoint} ${data.length}`);
    if (this.opts.stallAfterBytes !== undefined && this.sent >= this.opts.stallAfterBytes) {
      return { status: 'stall', bytesWritten: 0 };
    }
    this.sent += data.length;
    const { data: print, queries } = this.scanner.push(Buffer.from(data));
    if (print.length > 0) this.received.push(print);
    const bytes = encodeStatusBytes(this.opts.state ?? {});
    if (!this.opts.silent) for (const n of queries) this.answers.push(statusByteFor(bytes, n));
    return { status: 'ok', bytesWritten: data.length };
  }
  async transferIn(endpoint: number, length: number, timeoutMs = 1000): Promise<UsbInResult> {
    this.log.push(`in ${endpoint} ${length}`);
    const answer = this.answers.shift();
    if (answer === undefined) {
      await new Promise((r) => setTimeout(r, Math.min(timeoutMs, 20)));
      throw new Error('LIBUSB_ERROR_TIMEOUT');
    }
    // Some printers put a zero byte before the answer; only the status-shaped byte counts.
    const data = new Uint8Array([0x00, answer]);
    return { status: 'ok', data: new DataView(data.buffer) };
  }
}

const busOf = (...devices: UsbDeviceLike[]): UsbBus => ({ getDevices: async () => devices });

describe('findPrinterInterfaces', () => {
  it('finds class 7 with its bulk endpoints, bidirectional first', () => {
    const config: UsbConfigurationLike = {
      configurationValue: 2,
      interfaces: [...printerConfig(1, 0).interfaces, ...printerConfig(2, 1).interfaces],
    };
    expect(findPrinterInterfaces(config)).toEqual([
      {
        configurationValue: 2,
        interfaceNumber: 1,
        alternateSetting: 0,
        protocol: 2,
        outEndpoint: 1,
        inEndpoint: 2,
        packetSize: 64,
      },
      {
        configurationValue: 2,
        interfaceNumber: 0,
        alternateSetting: 0,
        protocol: 1,
        outEndpoint: 1,
        packetSize: 64,
      },
    ]);
  });

  it('ignores other classes and printer interfaces without a bulk OUT endpoint', () => {
    expect(findPrinterInterfaces(hidConfig)).toEqual([]);
    const inOnly = printerConfig(2);
    const alt = inOnly.interfaces[0]!.alternates[0]!;
    const broken = {
      ...inOnly,
      interfaces: [{ interfaceNumber: 0, alternates: [{ ...alt, endpoints: [bulk(2, 'in')] }] }],
    };
    expect(findPrinterInterfaces(broken)).toEqual([]);
  });
});

describe('listUsbPrinters', () => {
  it('lists only devices with a printer interface', async () => {
    const list = await listUsbPrinters(
      busOf(
        new FakeDevice({ serialNumber: 'A1' }),
        new FakeDevice({ vendorId: 0x046d, productId: 0xc077, config: hidConfig }),
        new FakeDevice({ vendorId: 0x0416, productId: 0x5011, config: printerConfig(1) }),
      ),
    );
    expect(list).toEqual([
      {
        vendorId: 0x04b8,
        productId: 0x0e15,
        serialNumber: 'A1',
        address: 'usb:04b8:0e15:A1',
        manufacturer: 'Fake Printer Co.',
        product: 'TM-FAKE',
        interfaceNumber: 0,
        bidirectional: true,
      },
      {
        vendorId: 0x0416,
        productId: 0x5011,
        address: 'usb:0416:5011',
        manufacturer: 'Fake Printer Co.',
        product: 'TM-FAKE',
        interfaceNumber: 0,
        bidirectional: false,
      },
    ]);
  });

  it('passes on a bus that cannot be read', async () => {
    const bus: UsbBus = { getDevices: () => Promise.reject(new Error('no usbfs')) };
    await expect(listUsbPrinters(bus)).rejects.toThrow('no usbfs');
  });
});

describe('USB printer', () => {
  it('sends the job in bulk chunks to the OUT endpoint, then releases and closes', async () => {
    const device = new FakeDevice();
    const printer = createUsbPrinter(
      { vendorId: 0x04b8, productId: 0x0e15, chunkBytes: 100 },
      async () => busOf(device),
    );
    expect(printer.target).toBe('usb');
    expect(printer.address).toBe(usbAddress({ vendorId: 0x04b8, productId: 0x0e15 }));
    const job = Buffer.alloc(250, 0x41);
    await printer.print(job);
    expect(Buffer.concat(device.received)).toEqual(job);
    expect(device.log).toEqual([
      'open',
      'claim 0',
      'out 1 100',
      'out 1 100',
      'out 1 50',
      'release 0',
      'close',
    ]);
  });

  it('selects the configuration of a fresh device and takes the interface from usblp', async () => {
    const device = new FakeDevice({ unconfigured: true, kernelDriverBound: true });
    const printer = createUsbPrinter({ vendorId: 0x04b8, productId: 0x0e15 }, async () =>
      busOf(device),
    );
    await printer.print(Buffer.from('hi'));
    expect(device.log).toEqual([
      'open',
      'config 1',
      'detach 0',
      'claim 0',
      'out 1 2',
      'release 0',
      'close',
    ]);
  });

  it('picks the printer with the configured serial number', async () => {
    const a = new FakeDevice({ serialNumber: 'A' });
    const b = new FakeDevice({ serialNumber: 'B' });
    const printer = createUsbPrinter(
      { vendorId: 0x04b8, productId: 0x0e15, serialNumber: 'B' },
      async () => busOf(a, b),
    );
    await printer.print(Buffer.from('x'));
    expect(a.received).toEqual([]);
    expect(b.received).toHaveLength(1);
  });

  it('reads status from the IN endpoint', async () => {
    const device = new FakeDevice({ state: { coverOpen: true, paperNearEnd: true } });
    const printer = createUsbPrinter({ vendorId: 0x04b8, productId: 0x0e15 }, async () =>
      busOf(device),
    );
    const status = await printer.queryStatus();
    expect(status).toMatchObject({
      online: false,
      coverOpen: true,
      paperNearEnd: true,
      paperOut: false,
    });
    expect(device.received).toEqual([]);
    expect(device.log.at(-1)).toBe('close');
  });

  it('fails as PRINTER_UNREACHABLE when the device is absent, the bus unreadable or unidirectional', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (e instanceof PrinterError ? e.code : String(e)),
      );
    const absent = createUsbPrinter({ vendorId: 1, productId: 2 }, async () => busOf());
    expect(await codeOf(absent.print(Buffer.from('x')))).toBe('PRINTER_UNREACHABLE');
    const noBus = createUsbPrinter({ vendorId: 1, productId: 2 }, () =>
      Promise.reject(new Error('binding missing')),
    );
    expect(await codeOf(noBus.print(Buffer.from('x')))).toBe('PRINTER_UNREACHABLE');
    const uni = new FakeDevice({ config: printerConfig(1) });
    const oneWay = createUsbPrinter({ vendorId: 0x04b8, productId: 0x0e15 }, async () =>
      busOf(uni),
    );
    expect(await codeOf(oneWay.queryStatus())).toBe('PRINTER_UNREACHABLE');
    expect(uni.log.at(-1)).toBe('close');
  });

  it('fails as PRINTER_DISCONNECTED on a stalled transfer and PRINTER_TIMEOUT on a silent printer', async () => {
    const stalled = new FakeDevice({ stallAfterBytes: 64 });
    const p1 = createUsbPrinter({ vendorId: 0x04b8, productId: 0x0e15, chunkBytes: 64 }, async () =>
      busOf(stalled),
    );
    await expect(p1.print(Buffer.alloc(200))).rejects.toMatchObject({
      code: 'PRINTER_DISCONNECTED',
    });
    expect(stalled.log.slice(-2)).toEqual(['release 0', 'close']);

    const silent = new FakeDevice({ silent: true });
    const p2 = createUsbPrinter(
      { vendorId: 0x04b8, productId: 0x0e15, statusTimeoutMs: 60 },
      async () => busOf(silent),
    );
    await expect(p2.queryStatus()).rejects.toMatchObject({ code: 'PRINTER_TIMEOUT' });
  });
});
