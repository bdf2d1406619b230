import type { ReceiptLogo } from '../../../preload/contract';
import { packRows } from './pack-rows';

/**
 * Any image the browser can read → a receipt logo: scaled to fit `maxWidth`
 * dots (and 240 rows), then each dot black where the pixel is dark and not
 * transparent. Thermal printers print dots, not greys.
 */
export async function imageToLogo(file: Blob, maxWidth: number): Promise<ReceiptLogo> {
  const image = await createImageBitmap(file);
  const scale = Math.min(1, maxWidth / image.width, 240 / image.height);
  const width = Math.max(8, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(image, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return packRows(width, height, (x, y) => {
    const i = (y * width + x) * 4;
    const luminance = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    return data[i + 3]! > 127 && luminance < 128;
  });
}
