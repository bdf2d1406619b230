import type { ReceiptLogo } from '../../../preload/contract';

/** Rows packed MSB first, ⌈width / 8⌉ bytes a row, 1 = black dot; as base64. */
export function packRows(
  width: number,
  height: number,
  black: (x: number, y: number) => boolean,
): ReceiptLogo {
  const rowBytes = Math.ceil(width / 8);
  const bytes = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (black(x, y)) bytes[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return { width, height, packed: btoa(text) };
}
