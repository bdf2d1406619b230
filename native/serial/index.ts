export {
  closeSerialPort,
  DEFAULT_BAUD_RATE,
  listSerialPorts,
  openSerialPort,
  SerialPortError,
  writeAndDrain,
  type SerialPortInfo,
  type SerialPortSettings,
} from './open-port';
