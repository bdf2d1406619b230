import { useTranslation } from 'react-i18next';
import { detailWords } from '../lib/detail-words';

/** Details as a short label/value list (audit log, diagnostics). */
export function DetailList({ detail }: { detail: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const words = detailWords(t, detail);
  if (words.length === 0) return null;
  return (
    <dl className="detail-list">
      {words.map((w, i) => (
        <div key={i}>
          {w.label && <dt>{w.label}</dt>}
          <dd>{w.value}</dd>
        </div>
      ))}
    </dl>
  );
}
