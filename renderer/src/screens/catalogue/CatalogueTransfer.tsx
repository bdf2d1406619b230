import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  UPLOAD_CHUNK_CHARS,
  formatFen,
  type CatalogueFormat,
  type ImportPreview,
  type PosError,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { useEscape } from '../../components/useEscape';
import { readFileBase64, saveBase64 } from '../../lib/file-bytes';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import type { Notice } from './notice';

const TYPES: Record<CatalogueFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * 商品导入 / 导出: pick a CSV or XLSX file, see what it would do and every bad
 * row by row and column, import it (only when nothing is bad; all or
 * nothing), or export the catalogue in the same columns. The technician may
 * load the demo products again (training mode).
 */
export function CatalogueTransfer() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const role = useAppStore((s) => s.session?.role);
  const [file, setFile] = useState<{
    format: CatalogueFormat;
    fileName: string;
    uploadId: string;
  } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  useEscape(useCallback(() => go({ name: 'catalogue' }), [go]));

  const failed = (e: PosError) => {
    setNotice(null);
    setError(e);
  };

  const pick = async (picked: File) => {
    const format: CatalogueFormat = /\.xlsx$/i.test(picked.name) ? 'xlsx' : 'csv';
    setPreview(null);
    setNotice(null);
    setBusy(true);
    // Sent in pieces: the web shell takes messages of at most 1 MiB.
    const data = await readFileBase64(picked);
    const uploadId = `upload-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    for (let i = 0; i * UPLOAD_CHUNK_CHARS < data.length || i === 0; i++) {
      const chunk = data.slice(i * UPLOAD_CHUNK_CHARS, (i + 1) * UPLOAD_CHUNK_CHARS);
      const sent = await pos().catalogue.uploadChunk({ uploadId, index: i, data: chunk });
      if (!sent.ok) {
        setBusy(false);
        return failed(sent.error);
      }
    }
    const next = { format, fileName: picked.name, uploadId };
    setFile(next);
    const r = await pos().catalogue.previewImport(next);
    setBusy(false);
    if (!r.ok) return failed(r.error);
    setError(null);
    setPreview(r.value);
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    const r = await pos().catalogue.applyImport(file);
    setBusy(false);
    if (!r.ok) return failed(r.error);
    setError(null);
    setPreview(null);
    setFile(null);
    setNotice({ key: 'catalogueTransfer.applied', params: { ...r.value, newCategories: '' } });
  };

  const exportAs = async (format: CatalogueFormat) => {
    const r = await pos().catalogue.export({ format });
    if (!r.ok) return failed(r.error);
    saveBase64(r.value.fileName, r.value.data, TYPES[format]);
    setError(null);
    setNotice({
      key: 'catalogueTransfer.exported',
      params: { products: r.value.products, fileName: r.value.fileName },
    });
  };

  const loadDemo = async () => {
    const r = await pos().catalogue.loadDemo({});
    if (!r.ok) return failed(r.error);
    setError(null);
    setNotice({ key: 'catalogueTransfer.demoLoaded', params: r.value });
  };

  return (
    <main className="screen catalogue-transfer" data-testid="screen-catalogue-transfer">
      <section className="panel">
        <h1>{t('catalogueTransfer.title')}</h1>
        <h2>{t('catalogueTransfer.importTitle')}</h2>
        <p className="hint">{t('catalogueTransfer.importHint')}</p>
        <label>
          {t('catalogueTransfer.pick')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv"
            data-testid="catalogue-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void pick(f);
              e.target.value = '';
            }}
          />
        </label>
        {busy && <progress data-testid="catalogue-busy" />}
        {preview && (
          <div data-testid="import-preview">
            <h3>{t('catalogueTransfer.previewTitle', { rows: preview.rows })}</h3>
            <p data-testid="import-counts">
              {[
                t('catalogueTransfer.added', { count: preview.added }),
                t('catalogueTransfer.changed', { count: preview.changed }),
                t('catalogueTransfer.deactivated', { count: preview.deactivated }),
                t('catalogueTransfer.reactivated', { count: preview.reactivated }),
                t('catalogueTransfer.unchanged', { count: preview.unchanged }),
              ].join(' · ')}
            </p>
            {preview.newCategories.length > 0 && (
              <p>
                {t('catalogueTransfer.newCategories', { names: preview.newCategories.join('、') })}
              </p>
            )}
            {preview.badRows > 0 ? (
              <>
                <p className="warning" data-testid="import-bad-rows">
                  {t('catalogueTransfer.badRows', { count: preview.badRows })}
                </p>
                <table data-testid="import-issues">
                  <thead>
                    <tr>
                      <th>{t('catalogueTransfer.row')}</th>
                      <th>{t('catalogueTransfer.column')}</th>
                      <th>{t('catalogueTransfer.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.issues.map((i, n) => (
                      <tr key={n} data-testid={`import-issue-${i.row}`} data-rule={i.rule}>
                        <td>{i.row}</td>
                        <td>{i.field}</td>
                        <td>
                          {t(`rules.${i.rule}`, { ...i.params, defaultValue: t('rules.invalid') })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {preview.issues.length < preview.badRows && (
                  <p className="hint">
                    {t('catalogueTransfer.moreIssues', { shown: preview.issues.length })}
                  </p>
                )}
              </>
            ) : (
              <>
                <p>{t('catalogueTransfer.sample')}</p>
                <ul>
                  {preview.sample.map((s) => (
                    <li key={s.row}>
                      {s.code} {s.name} {formatFen(s.priceFen)}
                    </li>
                  ))}
                </ul>
                <button
                  type="button"
                  className="primary"
                  data-testid="import-apply"
                  disabled={busy}
                  onClick={() => void apply()}
                >
                  {t('catalogueTransfer.apply')}
                </button>
              </>
            )}
          </div>
        )}
      </section>
      <section className="panel">
        <h2>{t('catalogueTransfer.exportTitle')}</h2>
        <button
          type="button"
          data-testid="export-catalogue-csv"
          onClick={() => void exportAs('csv')}
        >
          {t('catalogueTransfer.exportCsv')}
        </button>
        <button
          type="button"
          data-testid="export-catalogue-xlsx"
          onClick={() => void exportAs('xlsx')}
        >
          {t('catalogueTransfer.exportXlsx')}
        </button>
        {role === 'admin' && (
          <>
            <h2>{t('catalogueTransfer.demoTitle')}</h2>
            <button type="button" data-testid="load-demo" onClick={() => void loadDemo()}>
              {t('catalogueTransfer.demoLoad')}
            </button>
          </>
        )}
      </section>
      {notice && (
        <p className="notice" data-testid="catalogue-transfer-notice">
          {t(notice.key, notice.params ?? {})}
        </p>
      )}
      <ErrorMessage error={error} testId="catalogue-transfer-error" />
      <button type="button" onClick={() => go({ name: 'catalogue' })}>
        {t('catalogue.back')}
      </button>
    </main>
  );
}
