import { z } from 'zod';
import { channel } from './channel';
import { NoInput } from './common';

/**
 * The barcode scanner (扫码枪) for payment codes (付款码). A keyboard-wedge
 * scanner types into the window and is detected in the renderer; a serial or
 * simulated scanner is read on the main side, and each code it reads arrives
 * as a `scanner:scanned` event. In training mode the panel lists the training
 * codes, and `simulate` "scans" one of them by id (never an arbitrary code).
 */
export const ScannerCode = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  code: z.string(),
});
export type ScannerCode = z.infer<typeof ScannerCode>;

export const ScannerPanel = z.object({
  /** True only when the simulated scanner is in use (training mode). */
  simulated: z.boolean(),
  /** The training codes; empty unless simulated. */
  codes: z.array(ScannerCode),
});
export type ScannerPanel = z.infer<typeof ScannerPanel>;

export const scanner = {
  panel: channel(NoInput, ScannerPanel),
  simulate: channel(z.object({ codeId: z.string().max(40) }).strict(), z.object({})),
};

export const scannerEvents = {
  'scanner:scanned': z.object({ code: z.string() }),
};
