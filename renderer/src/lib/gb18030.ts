/**
 * Bytes a text takes in GB18030, the receipt printer's encoding, worked out in
 * the page so the merchant name's limit shows while it is typed (the page has
 * no GB18030 encoder: TextEncoder only writes UTF-8). ASCII is one byte; a
 * character GB18030 codes in two bytes is two; everything else is four. The
 * two-byte set is read once from the browser's own GB18030 decoder. The main
 * side checks again with its encoder when the form is saved.
 */
/** Standard characters GB18030-2022 codes in two bytes, 2005 in four. */
const GB2022_MOVED: Array<[number, number]> = [
  [0x9fb4, 0x9fbb],
  [0xfe10, 0xfe19],
];
/** Private-use characters GB18030-2005 codes in two bytes (the same codes). */
const GB2005_PRIVATE_USE: Array<[number, number]> = [
  [0xe78d, 0xe796],
  [0xe81e, 0xe81e],
  [0xe826, 0xe826],
  [0xe82b, 0xe82c],
  [0xe832, 0xe832],
  [0xe843, 0xe843],
  [0xe854, 0xe854],
  [0xe864, 0xe864],
];

let twoByte: Set<string> | null | undefined;

function twoByteChars(): Set<string> | null {
  if (twoByte !== undefined) return twoByte;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder('gb18030');
  } catch {
    return (twoByte = null);
  }
  // Every two-byte code: lead 81–FE, trail 40–7E or 80–FE.
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail);
  const chars = new Set(decoder.decode(new Uint8Array(bytes)));
  chars.delete('\ufffd'); // an unassigned code decodes to it; it is not a two-byte character
  // The printer's encoder (iconv-lite) follows GB18030-2005; newer decoders
  // follow 2022, which moved 18 two-byte codes from private-use characters to
  // standard ones. The 2005 reading wins: that is what gets printed.
  for (const [from, to] of GB2022_MOVED) {
    for (let c = from; c <= to; c++) chars.delete(String.fromCharCode(c));
  }
  for (const [from, to] of GB2005_PRIVATE_USE) {
    for (let c = from; c <= to; c++) chars.add(String.fromCharCode(c));
  }
  return (twoByte = chars);
}

export function gb18030Length(text: string): number {
  const two = twoByteChars();
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) n += 1;
    // Without the decoder (never in Chromium), two bytes is the common case of Chinese text.
    else if (!two) n += code > 0xffff ? 4 : 2;
    else n += two.has(ch) ? 2 : 4;
  }
  return n;
}
