import { z } from 'zod';
import { CARD_DATA_REFUSAL, isPlainText, noCardData } from './common';

/**
 * Field rules of PRODUCT.md §1. Each message is an i18n key under `rules.` so a
 * refused field is shown with the rule it broke. The GB18030 byte limit of the
 * merchant name is checked on the main side (main/domain/terminal-params.ts),
 * which owns the encoder; the form shows the same limit live.
 */
export const MERCHANT_NAME_MAX_BYTES = 40;
export const MerchantNumber = z.string().regex(/^\d{15}$/, { message: 'merchantNumber' });
export const TerminalNumber = z.string().regex(/^[0-9A-Z]{8}$/, { message: 'terminalNumber' });
export const MerchantName = z
  .string()
  .trim()
  .refine(noCardData(), CARD_DATA_REFUSAL)
  .min(1, { message: 'merchantNameRequired' })
  .refine(isPlainText, { message: 'merchantNameChars' });

export const PaperWidth = z.union([z.literal(58), z.literal(80)], { message: 'paperWidth' });
export type PaperWidth = z.infer<typeof PaperWidth>;

export const HostName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,253}$/, { message: 'printerHost' });
export const Port = z
  .number({ message: 'port' })
  .int({ message: 'port' })
  .min(1, { message: 'port' })
  .max(65535, { message: 'port' });

/** A serial device: `/dev/ttyUSB0`-style paths on Linux, `COM3` on Windows. */
export const SerialPath = z
  .string()
  .regex(/^(\/dev\/[A-Za-z0-9._/-]{1,60}|COM[1-9]\d{0,2})$/, { message: 'serialPath' });
export const BaudRate = z.union(
  [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map((n) => z.literal(n)) as [
    z.ZodLiteral<number>,
    z.ZodLiteral<number>,
    ...z.ZodLiteral<number>[],
  ],
  { message: 'baudRate' },
);
const UsbId = z
  .number({ message: 'usbId' })
  .int({ message: 'usbId' })
  .min(0, { message: 'usbId' })
  .max(0xffff, { message: 'usbId' });

export const PrinterSetting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('virtual') }),
  z.object({ kind: z.literal('tcp'), host: HostName, port: Port }),
  z.object({ kind: z.literal('serial'), path: SerialPath, baudRate: BaudRate.default(9600) }),
  z.object({ kind: z.literal('usb'), vendorId: UsbId, productId: UsbId }),
]);
export type PrinterSetting = z.infer<typeof PrinterSetting>;

/** What the first-run wizard asks for; everything else keeps its default. */
export const TerminalSetup = z.object({
  merchantNumber: MerchantNumber,
  terminalNumber: TerminalNumber,
  merchantName: MerchantName,
  printer: PrinterSetting,
  paperWidth: PaperWidth,
});
export type TerminalSetup = z.infer<typeof TerminalSetup>;

export const TerminalSummary = z.object({
  merchantNumber: z.string(),
  terminalNumber: z.string(),
  merchantName: z.string(),
});
export type TerminalSummary = z.infer<typeof TerminalSummary>;
