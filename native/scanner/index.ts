export * from './types';
export {
  TRAINING_CODES,
  TRAINING_PRODUCT_CODES,
  type ScannableCode,
  type TrainingCode,
  type TrainingCodeOutcome,
} from './training-codes';
export {
  createSimulatedScanner,
  isSimulatedScanner,
  type SimulatedScanner,
  type SimulatedScannerOptions,
} from './simulated';
export { createSerialScanner, type SerialScannerOptions } from './serial-scanner';
