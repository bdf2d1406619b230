export * from './types';
export * from './test-cards';
export {
  createSimulatedPinPad,
  isSimulatedPinPad,
  type SimulatedPinPad,
  type SimulatedPinPadState,
  type PinPadKey,
  type SimulatedPinPadCrypto,
} from './simulated';
export { createSerialPinPad, type SerialPinPadOptions } from './serial-pinpad';
export { trainingOnlyPinPad } from './training-gate';
export { emulatePinPad, type EmulatedPinPad } from './device-emulator';
export { encodeFrame, SerialFrameReader, type SerialFrame } from './serial-frame';
