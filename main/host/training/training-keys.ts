/**
 * The terminal master key of training mode. It is published (this file) on
 * purpose: training mode moves no real money, and the training host must know
 * the key to issue working keys. A real terminal uses a TMK injected by the
 * technician, which is never shown again.
 */
export const TRAINING_TMK_HEX = '3B5A8C6E1F0D2A4769C51E7B3D9F0826';

/** Terminal numbers the training host pretends not to know, to show response 97. */
export function isUnregisteredTrainingTerminal(terminal: string): boolean {
  return terminal.startsWith('97');
}
