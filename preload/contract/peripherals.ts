import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput } from './common';
import { BaudRate, PaperWidth, PrinterSetting, SerialPath } from './terminal';

const SerialDevice = z.object({ path: SerialPath, baudRate: BaudRate.default(9600) });
const PulseMs = z
  .number({ message: 'pulseMs' })
  .int({ message: 'pulseMs' })
  .min(2, { message: 'pulseMs' })
  .max(510, { message: 'pulseMs' });

/** How many bytes a base64 text holds (without decoding it: this runs in the renderer too). */
function base64Bytes(text: string): number {
  if (text.length % 4 !== 0) return -1;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

/**
 * The shop's logo for the top of receipts: 1 bit a dot, rows packed MSB first
 * (⌈width / 8⌉ bytes a row), base64. The screen makes it from any image.
 */
export const ReceiptLogo = z
  .object({
    width: z.number().int().min(8).max(576),
    height: z.number().int().min(1).max(240),
    packed: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'logo' }),
  })
  .refine((l) => base64Bytes(l.packed) === Math.ceil(l.width / 8) * l.height, {
    message: 'logo',
    path: ['packed'],
  });
export type ReceiptLogo = z.infer<typeof ReceiptLogo>;

/**
 * The devices around the till (PRODUCT.md §8), beside the printer address the
 * wizard asks for: code page, cutting, the cash drawer's pulse, and where the
 * scanner, PIN pad and customer display are plugged in. Serial devices are
 * opened at start; a change applies at the next start.
 */
export const Peripherals = z.object({
  codePage: z.enum(['gb18030', 'big5', 'pc437', 'pc850', 'pc858']).default('gb18030'),
  cut: z.boolean().default(true),
  logo: ReceiptLogo.nullable().default(null),
  drawer: z
    .object({
      pin: z.union([z.literal(2), z.literal(5)], { message: 'drawerPin' }).default(2),
      onMs: PulseMs.default(50),
      offMs: PulseMs.default(500),
    })
    .default({ pin: 2, onMs: 50, offMs: 500 }),
  /** keyboard: a USB scanner typing like a keyboard (no port to set). */
  scanner: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('keyboard') }),
      SerialDevice.extend({ kind: z.literal('serial') }),
    ])
    .default({ kind: 'keyboard' }),
  pinpad: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('simulated') }),
      SerialDevice.extend({ kind: z.literal('serial') }),
    ])
    .default({ kind: 'simulated' }),
  display: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('simulated') }),
      SerialDevice.extend({ kind: z.literal('serial') }),
    ])
    .default({ kind: 'simulated' }),
});
export type Peripherals = z.infer<typeof Peripherals>;

export const PeripheralSettings = z
  .object({
    printer: PrinterSetting,
    paperWidth: PaperWidth,
    copies: z
      .number({ message: 'copies' })
      .int({ message: 'copies' })
      .min(1, { message: 'copies' })
      .max(3, { message: 'copies' }),
    peripherals: Peripherals,
  })
  .strict();
export type PeripheralSettings = z.infer<typeof PeripheralSettings>;

/** 外设设置 (99): printer transport and options, drawer, scanner, PIN pad, display. */
export const peripherals = {
  get: channel(NoInput, PeripheralSettings),
  /** Validated, saved atomically, audited old → new; the printer change applies at once. */
  save: command(PeripheralSettings, PeripheralSettings),
  /** What is plugged in: serial ports and USB printers (where the OS lets us look). */
  discover: channel(
    NoInput,
    z.object({
      serialPorts: z.array(z.object({ path: z.string(), manufacturer: z.string().nullable() })),
      usbPrinters: z.array(
        z.object({
          vendorId: z.number().int(),
          productId: z.number().int(),
          address: z.string(),
          product: z.string().nullable(),
        }),
      ),
      /** Why a list could not be read (e.g. no USB access), for the screen to say. */
      problems: z.array(z.string()),
    }),
  ),
};
