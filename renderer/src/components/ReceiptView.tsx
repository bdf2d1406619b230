import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptPreview } from '../../../preload/contract';
import { pos } from '../lib/pos';
import { Barcode } from './Barcode';

/**
 * The virtual printer: shows a job exactly as the bytes would print, decoded
 * from the stored ESC/POS (so what you see is what a paper printer would get).
 */
export function ReceiptView({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ReceiptPreview | null>(null);
  useEffect(() => {
    let live = true;
    void pos()
      .print.preview({ jobId })
      .then((r) => {
        if (live && r.ok) setPreview(r.value);
      });
    return () => {
      live = false;
    };
  }, [jobId]);
  if (!preview) return null;
  return (
    <figure className="receipt" data-testid="receipt-view" aria-label={t('print.virtualPrinter')}>
      <pre className={`receipt-paper paper-${preview.paperWidth}`}>
        {preview.lines.map((line, i) => (
          <div
            key={i}
            className={`receipt-line align-${line.align}${line.bold ? ' bold' : ''}${line.double ? ' double' : ''}`}
          >
            {line.barcode ? (
              <>
                <Barcode data={line.barcode} />
                <br />
                {line.text}
              </>
            ) : (
              line.text || '\u00a0'
            )}
          </div>
        ))}
      </pre>
      {preview.cuts > 0 && <div className="receipt-cut" aria-hidden="true" />}
    </figure>
  );
}

/**
 * The slips of what was just done (a sale, void, refund, pre-auth, reprint),
 * each as it printed: with the virtual printer the screen is the paper.
 */
export function ReceiptPanel({ jobIds, heading }: { jobIds: readonly number[]; heading?: string }) {
  if (jobIds.length === 0) return null;
  return (
    <section className="panel receipt-panel" data-testid="receipt-panel">
      {heading && <h2>{heading}</h2>}
      {jobIds.map((id) => (
        <ReceiptView key={id} jobId={id} />
      ))}
    </section>
  );
}
