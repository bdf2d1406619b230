export {
  CIPHERS_USED,
  desEcbDecrypt,
  desEcbEncrypt,
  tdesEcbDecrypt,
  tdesEcbEncrypt,
} from './ciphers';
export {
  CryptoError,
  KeyCheckError,
  KeyComponentError,
  PinBlockError,
  type CheckedKey,
  type CryptoErrorCode,
} from './errors';
export {
  WORKING_KEYS_FIELD_BYTES,
  buildWorkingKeysField,
  checkValue,
  combineComponents,
  parseWorkingKeys,
} from './keys';
export { verifyX919Mac, x919Mac } from './mac';
export { pinBlock, pinFromBlock } from './pin-block';
