import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BackupView,
  ConfigPreview,
  PosError,
  RestorePreview,
} from '../../../../preload/contract';
import { RestorePreviewPanel } from '../../components/RestorePreviewPanel';
import { ErrorMessage } from '../../components/Messages';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { saveText } from '../../lib/save-text';
import { useAppStore } from '../../stores/app-store';
import { formatDateTime } from '../../lib/date-time';
import { DateInput, refuseBadDate } from '../../components/DateInput';

const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/**
 * 数据维护: backups (now, and the daily one), restore with checks and a safety
 * copy, CSV export of transactions, and (technician) configuration export and
 * import with a preview of what would change.
 */
export function DataCare() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const role = useAppStore((s) => s.session?.role);
  const signOff = useAppStore((s) => s.signOff);
  const [backups, setBackups] = useState<BackupView[]>([]);
  const [nextDueAt, setNextDueAt] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [configText, setConfigText] = useState<string | null>(null);
  const [preview, setPreview] = useState<ConfigPreview | null>(null);
  const [restorePreview, setRestorePreview] = useState<RestorePreview | null>(null);
  const [notice, setNotice] = useState<{
    key: string;
    params?: Record<string, string | number>;
  } | null>(null);
  const [error, setError] = useState<PosError | null>(null);

  const load = useCallback(async () => {
    const r = await pos().data.backups({});
    if (!r.ok) return setError(r.error);
    setBackups(r.value.backups);
    setNextDueAt(r.value.nextDueAt);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(
    () => pos().events.on('data:backupProgress', (p) => setProgress(Math.round(p.percent))),
    [],
  );
  useEscape(useCallback(() => go({ name: 'standby' }), [go]));

  const done = (key: string, params?: Record<string, string | number>) => {
    setError(null);
    setNotice({ key, ...(params ? { params } : {}) });
  };
  const failed = (e: PosError) => {
    setNotice(null);
    setError(e);
  };

  const backupNow = async () => {
    setProgress(0);
    const r = await pos().data.backup({});
    setProgress(null);
    if (!r.ok) return failed(r.error);
    done('dataCare.backedUp', { file: r.value.file });
    await load();
  };

  // Restore in two steps: first what it would drop, then the technician's confirmation of exactly that.
  const previewRestore = async () => {
    if (!selected) return;
    const r = await pos().data.previewRestore({ file: selected });
    if (!r.ok) return failed(r.error);
    setError(null);
    setRestorePreview(r.value);
  };

  const restore = async () => {
    if (!restorePreview) return;
    setProgress(0);
    const r = await pos().data.restore({
      file: restorePreview.file,
      confirm: restorePreview.confirm,
    });
    setProgress(null);
    setRestorePreview(null);
    if (!r.ok) return failed(r.error);
    // The services started again on the restored database: everyone signs in again.
    await signOff('dataCare.restored');
  };

  // A date field showing no real day still hands on its last good one: refuse.
  const exportRef = useRef<HTMLElement>(null);
  const exportCsv = async () => {
    if (refuseBadDate(exportRef.current)) return;
    const r = await pos().data.exportTransactions({ from, to });
    if (!r.ok) return failed(r.error);
    saveText(r.value.fileName, r.value.csv);
    done('dataCare.exported', { rows: r.value.rows });
  };

  const exportConfig = async () => {
    const r = await pos().data.exportConfig({ withMerchantNumber: false });
    if (!r.ok) return failed(r.error);
    saveText(r.value.fileName, r.value.json, 'application/json');
    done('dataCare.configExported');
  };

  const previewConfig = async (text: string) => {
    setConfigText(text);
    const r = await pos().data.previewConfig({ text });
    if (!r.ok) {
      setPreview(null);
      return failed(r.error);
    }
    setError(null);
    setPreview(r.value);
  };

  const applyConfig = async () => {
    if (configText === null) return;
    const r = await pos().data.importConfig({ text: configText });
    if (!r.ok) return failed(r.error);
    setPreview(null);
    setConfigText(null);
    done('dataCare.configImported', { changes: r.value.changes.length });
  };

  return (
    <main className="screen data-care" data-testid="screen-data-care">
      <section className="panel">
        <h1>{t('dataCare.title')}</h1>
        <p className="hint">
          {nextDueAt && t('dataCare.nextDue', { at: formatDateTime(nextDueAt) })}
        </p>
        <button
          type="button"
          className="primary"
          data-testid="backup-now"
          onClick={() => void backupNow()}
        >
          {t('dataCare.backupNow')}
        </button>
        {progress !== null && (
          <progress data-testid="backup-progress" max={100} value={progress}>
            {progress}%
          </progress>
        )}
        <table>
          <thead>
            <tr>
              <th />
              <th>{t('dataCare.when')}</th>
              <th>{t('dataCare.kind')}</th>
              <th>{t('dataCare.batch')}</th>
              <th>{t('dataCare.size')}</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.file} data-testid="backup-row" data-kind={b.kind}>
                <td>
                  <input
                    type="radio"
                    name="backup"
                    aria-label={b.file}
                    data-testid={`backup-pick-${b.file}`}
                    checked={selected === b.file}
                    onChange={() => {
                      setSelected(b.file);
                      setRestorePreview(null);
                    }}
                  />
                </td>
                <td>{formatDateTime(b.at)}</td>
                <td>{t(`dataCare.kinds.${b.kind}`)}</td>
                <td>{b.batchNo ?? '—'}</td>
                <td>{(b.size / 1024).toFixed(0)} KB</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="warning">{t('dataCare.restoreWarning')}</p>
        <button
          type="button"
          data-testid="restore"
          disabled={!selected}
          onClick={() => void previewRestore()}
        >
          {t('dataCare.restore')}
        </button>
        {restorePreview && (
          <RestorePreviewPanel
            preview={restorePreview}
            busy={progress !== null}
            onConfirm={() => void restore()}
            onCancel={() => setRestorePreview(null)}
          />
        )}
      </section>
      <section className="panel" ref={exportRef}>
        <h2>{t('dataCare.exportTitle')}</h2>
        <label>
          {t('dataCare.from')}
          <DateInput testId="export-from" value={from} onChange={setFrom} />
        </label>
        <label>
          {t('dataCare.to')}
          <DateInput testId="export-to" value={to} onChange={setTo} />
        </label>
        <button type="button" data-testid="export-csv" onClick={() => void exportCsv()}>
          {t('dataCare.exportCsv')}
        </button>
        {role === 'admin' && (
          <>
            <h2>{t('dataCare.configTitle')}</h2>
            <p className="hint">{t('dataCare.configHint')}</p>
            <button type="button" data-testid="config-export" onClick={() => void exportConfig()}>
              {t('dataCare.configExport')}
            </button>
            <label>
              {t('dataCare.configImport')}
              <input
                type="file"
                accept=".json,application/json"
                data-testid="config-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void file.text().then(previewConfig);
                }}
              />
            </label>
            {preview && (
              <div data-testid="config-preview">
                <h3>{t('dataCare.previewTitle', { count: preview.changes.length })}</h3>
                <ul>
                  {preview.changes.map((c) => (
                    <li key={c.field} data-testid="config-change">
                      {c.field}: {JSON.stringify(c.from)} → {JSON.stringify(c.to)}
                    </li>
                  ))}
                </ul>
                {preview.ignored.length > 0 && (
                  <p className="hint">
                    {t('dataCare.ignored', { fields: preview.ignored.join(', ') })}
                  </p>
                )}
                <button
                  type="button"
                  className="primary"
                  data-testid="config-apply"
                  onClick={() => void applyConfig()}
                >
                  {t('dataCare.configApply')}
                </button>
              </div>
            )}
          </>
        )}
      </section>
      {notice && (
        <p className="notice" data-testid="data-care-notice">
          {t(notice.key, notice.params ?? {})}
        </p>
      )}
      <ErrorMessage error={error} testId="data-care-error" />
      <button type="button" onClick={() => go({ name: 'standby' })}>
        {t('done.toStandby')}
      </button>
    </main>
  );
}
