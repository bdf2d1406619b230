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
export { CODE_PAGES, encodeDocument, encodeDrawerPulse } from './escpos-encoder';
export type { CodePage, DrawerPulse, EncodeOptions } from './escpos-encoder';
export { bitmapFromRows, encodeRasterImage, packRows } from './raster';
export type { MonoBitmap } from './raster';
export { decodeEscPos } from './escpos-decoder';
export type { DecodedLine, DecodedReceipt } from './escpos-decoder';
export { PrinterError, createTcpPrinter, createVirtualPrinter } from './printer';
export type { PrinterErrorCode, PrinterTarget, ReceiptPrinter, TcpPrinterConfig } from './printer';
export { queryStatusTcp } from './transport-tcp';
export { createSerialPrinter, serialAddress } from './transport-serial';
export type { SerialPrinterConfig, SerialReceiptPrinter } from './transport-serial';
export {
  createUsbPrinter,
  findPrinterInterfaces,
  listUsbPrinters,
  loadUsbBus,
  USB_PRINTER_CLASS,
  usbAddress,
} from './transport-usb';
export type {
  UsbBus,
  UsbDeviceLike,
  UsbPrinterConfig,
  UsbPrinterId,
  UsbPrinterInfo,
  UsbPrinterInterface,
  UsbReceiptPrinter,
} from './transport-usb';
export {
  combineStatus,
  encodeStatusBytes,
  isReady,
  isStatusByte,
  parseErrorCauseByte,
  parseOfflineCauseByte,
  parsePaperSensorByte,
  parsePrinterStatusByte,
  printerProblems,
  statusQuery,
  StatusQueryScanner,
} from './status';
export type {
  DrawerOpenLevel,
  PrinterProblem,
  PrinterStatus,
  SimulatedPrinterState,
  StatusBytes,
  StatusRequest,
} from './status';
export { readPrinterStatus, streamStatusAsker } from './status-query';
export { emulatePrinterOn } from './device-emulator';
export type { EmulatedPrinterLink } from './device-emulator';
export { startPrinterSimulator } from './simulator';
export type { PrinterSimulator, PrinterSimulatorOptions } from './simulator';
