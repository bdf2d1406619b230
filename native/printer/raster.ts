import { Buffer } from 'node:buffer';

/**
 * A 1-bit picture (a receipt logo): `pixels` holds width × height entries, row by row from the
 * top left; a truthy entry (1, true) is a black dot.
 */
export interface MonoBitmap {
  width: number;
  height: number;
  pixels: ArrayLike<number | boolean>;
}

/** Widest raster a printer takes: 576 dots is the printable width of an 80 mm head. */
export const MAX_RASTER_WIDTH = 576;

/** Rows packed MSB first (⌈width / 8⌉ bytes a row, 1 = black) → the bitmap the encoder takes. */
export function unpackRows(width: number, height: number, bytes: Uint8Array): MonoBitmap {
  const rowBytes = Math.ceil(width / 8);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      pixels[y * width + x] = ((bytes[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
  return { width, height, pixels };
}
/**
 * Rows per GS v 0 command. Printers buffer a whole command before printing it and small ones run
 * out of memory on a tall image, so a logo goes out in bands that print back to back.
 */
export const RASTER_BAND_ROWS = 128;

function validate(image: MonoBitmap): void {
  const { width, height, pixels } = image;
  if (!Number.isInteger(width) || width < 1 || width > MAX_RASTER_WIDTH) {
    throw new RangeError(`raster width must be 1–${MAX_RASTER_WIDTH} dots, got ${width}`);
  }
  if (!Number.isInteger(height) || height < 1) {
    throw new RangeError(`raster height must be at least 1 dot, got ${height}`);
  }
  if (pixels.length !== width * height) {
    throw new RangeError(`raster of ${width}×${height} needs ${width * height} pixels`);
  }
}

/** Packs rows into bytes, leftmost dot in the most significant bit, each row padded to a byte. */
export function packRows(image: MonoBitmap, fromRow = 0, rows = image.height): Buffer {
  const bytesPerRow = Math.ceil(image.width / 8);
  const out = Buffer.alloc(bytesPerRow * rows);
  for (let y = 0; y < rows; y++) {
    const base = (fromRow + y) * image.width;
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[base + x]) {
        const at = y * bytesPerRow + (x >> 3);
        out[at] = (out[at] as number) | (0x80 >> (x & 7));
      }
    }
  }
  return out;
}

/**
 * ESC/POS raster bit image, `GS v 0 m xL xH yL yH d1…dk` in normal density (m = 0), with
 * x = bytes per row and y = rows; split into bands of at most `bandRows` rows.
 */
export function encodeRasterImage(image: MonoBitmap, bandRows = RASTER_BAND_ROWS): Buffer {
  validate(image);
  if (!Number.isInteger(bandRows) || bandRows < 1) {
    throw new RangeError(`band height must be a positive number of rows, got ${bandRows}`);
  }
  const bytesPerRow = Math.ceil(image.width / 8);
  const parts: Buffer[] = [];
  for (let top = 0; top < image.height; top += bandRows) {
    const rows = Math.min(bandRows, image.height - top);
    parts.push(
      Buffer.from([
        0x1d,
        0x76,
        0x30,
        0x00,
        bytesPerRow & 0xff,
        bytesPerRow >> 8,
        rows & 0xff,
        rows >> 8,
      ]),
      packRows(image, top, rows),
    );
  }
  return Buffer.concat(parts);
}

/** Makes a bitmap from rows of text, '#' (or any of `ink`) black: handy for tests and tiny marks. */
export function bitmapFromRows(rows: readonly string[], ink = '#Xx1'): MonoBitmap {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const pixels: number[] = [];
  for (const row of rows) {
    for (let x = 0; x < width; x++) pixels.push(ink.includes(row[x] ?? ' ') ? 1 : 0);
  }
  return { width, height: rows.length, pixels };
}
