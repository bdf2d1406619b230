export * from './types';
export { TRAINING_CODES, type TrainingCode, type TrainingCodeOutcome } from './training-codes';
export {
  createSimulatedScanner,
  isSimulatedScanner,
  type SimulatedScanner,
  type SimulatedScannerOptions,
} from './simulated';
export { createSerialScanner, type SerialScannerOptions } from './serial-scanner';
