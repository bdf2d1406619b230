// The printable document: what a receipt looks like, independent of any printer's command set.
// Receipt formatting (main/domain) produces it; the encoder turns it into bytes.

export type PaperWidth = 58 | 80;
export type Align = 'left' | 'center' | 'right';

export type PrintLine =
  | { kind: 'text'; text: string; align?: Align; bold?: boolean; size?: 'normal' | 'double' } // double = double width + double height
  | { kind: 'pair'; left: string; right: string; bold?: boolean } // label flush left, value flush right on one line
  | { kind: 'rule'; char?: '-' | '=' }
  // Code 128, centred, with its digits printed below (HRI); digits-only data of even length use
  // code set C (two digits a symbol), anything else code set B.
  | { kind: 'barcode'; data: string }
  | { kind: 'feed'; lines: number };

export interface PrintDocument {
  lines: PrintLine[];
  cut: boolean;
  openDrawer?: boolean;
}

// Font A (12×24 dots) on the printable width of common thermal heads: 384 dots → 32, 576 dots → 48.
export function columnsFor(width: PaperWidth): 32 | 48 {
  return width === 58 ? 32 : 48;
}
