export type { Align, PaperWidth, PrintDocument, PrintLine } from './document';
export { columnsFor } from './document';
export {
  charWidth,
  displayWidth,
  padEndToWidth,
  padStartToWidth,
  truncateToWidth,
  wrapToWidth,
} from './text-width';
export { encodeDocument } from './escpos-encoder';
export type { EncodeOptions } from './escpos-encoder';
export { decodeEscPos } from './escpos-decoder';
export type { DecodedLine, DecodedReceipt } from './escpos-decoder';
export { PrinterError, createTcpPrinter, createVirtualPrinter } from './printer';
export type { PrinterErrorCode, ReceiptPrinter, TcpPrinterConfig } from './printer';
export { startPrinterSimulator } from './simulator';
export type { PrinterSimulator, PrinterSimulatorOptions } from './simulator';
