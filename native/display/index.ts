export * from './types';
export {
  amountDueLines,
  changeLines,
  CLR,
  decodeVfd,
  DEFAULT_AMOUNT_DUE_LABELS,
  DEFAULT_CHANGE_LABELS,
  encodeClear,
  encodeShow,
  ESC_INIT,
  fitLine,
  formatYuan,
  HOM,
  labelValueLine,
  VFD_COLUMNS,
  VFD_ROWS,
  VfdScreen,
  type AmountDueLabels,
  type AmountLineOptions,
  type ChangeLabels,
  type VfdEncoding,
  type VfdOptions,
} from './vfd-commands';
export {
  createSerialCustomerDisplay,
  openSerialCustomerDisplay,
  type SerialCustomerDisplayOptions,
} from './serial-display';
export {
  createSimulatedCustomerDisplay,
  isSimulatedCustomerDisplay,
  type SimulatedCustomerDisplay,
} from './simulated';
