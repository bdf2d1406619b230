export { startTrainingHost } from './server';
export { TRAINING_TMK_HEX, isUnregisteredTrainingTerminal } from './training-keys';
export type {
  BatchUpload,
  HostFaults,
  LedgerEntry,
  LedgerState,
  LogEntry,
  ReplyMutator,
  ReversalFailMode,
  SettlementVerdict,
  TrainingHost,
  TrainingHostEvent,
  TrainingHostOptions,
  TrainingTerminal,
} from './types';
