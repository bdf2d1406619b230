import { code128Widths } from '../lib/code128';

/** A Code 128 bar code drawn as the receipt printer would print it (2-dot modules). */
export function Barcode({ data }: { data: string }) {
  const widths = code128Widths(data);
  const QUIET = 10;
  let x = QUIET;
  const bars: Array<{ x: number; w: number }> = [];
  widths.forEach((w, i) => {
    if (i % 2 === 0) bars.push({ x, w });
    x += w;
  });
  const total = x + QUIET;
  return (
    <svg
      className="receipt-barcode"
      data-testid="receipt-barcode"
      data-code={data}
      viewBox={`0 0 ${total} 40`}
      width={total * 2}
      height={64}
      preserveAspectRatio="none"
      role="img"
      aria-label={data}
    >
      {bars.map((b) => (
        <rect key={b.x} x={b.x} y={0} width={b.w} height={40} fill="#000" />
      ))}
    </svg>
  );
}
