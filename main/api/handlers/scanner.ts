import type { ScannerPanel } from '../../../preload/contract';
import { isSimulatedScanner, type Scanner, type SimulatedScanner } from '../../../native/scanner';
import { fail, failFields } from '../../domain/errors';
import type { DomainHandlers } from '../types';

/** What these handlers need: the scanner in use (ApiServices carries it as `scanner`). */
export interface ScannerServices {
  scanner: Scanner;
}

/** What the training panel shows: the training codes, only for the simulated scanner. */
export function scannerPanel(scanner: Scanner): ScannerPanel {
  if (!isSimulatedScanner(scanner)) return { simulated: false, codes: [] };
  return {
    simulated: true,
    codes: scanner.codes.map((c) => ({
      id: c.id,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      code: c.code,
    })),
  };
}

function simulated(s: ScannerServices): SimulatedScanner {
  if (!isSimulatedScanner(s.scanner)) fail('SCANNER_NOT_SIMULATED');
  return s.scanner;
}

export function scannerHandlers(s: ScannerServices): DomainHandlers<'scanner'> {
  return {
    panel: () => scannerPanel(s.scanner),
    simulate: (input) => {
      const scanner = simulated(s);
      // Only the training deck can be "scanned": the panel is no back door for
      // typing arbitrary codes into the QR flow.
      const code = scanner.find(input.codeId);
      if (!code) failFields([{ field: 'codeId', rule: 'invalid' }]);
      // The core's onScan listener emits 'scanner:scanned' with the code.
      scanner.scan(code.code);
      return {};
    },
  };
}
