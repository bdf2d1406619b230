import { useState } from 'react';
import { formatDateTime } from '../lib/date-time';
import { useTranslation } from 'react-i18next';
import type { BackupView, PosError, RecoveryState } from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';

const START_OVER = 'START OVER';

/**
 * 数据库恢复 (issue 16): the database is missing, empty or damaged, so the
 * till does not trade. Only the technician's password (as last set — never
 * the factory one) opens the list of backups; restoring one asks for a
 * confirmation, and starting over as a new terminal needs the words typed.
 */
export function RecoveryScreen(props: { state: RecoveryState }) {
  const { t } = useTranslation();
  const refresh = useAppStore((s) => s.refresh);
  const [password, setPassword] = useState('');
  const [backups, setBackups] = useState<BackupView[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);

  const run = async (call: () => Promise<{ ok: boolean; error?: PosError }>) => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      setError(r.error ?? null);
      return false;
    }
    setError(null);
    return true;
  };

  const unlock = () =>
    run(async () => {
      const r = await pos().recovery.backups({ password });
      if (r.ok) setBackups(r.value.backups);
      return r;
    });
  const restore = async () => {
    if (!picked) return;
    if (await run(() => pos().recovery.restore({ password, file: picked }))) await refresh();
  };
  const startOver = async () => {
    if (await run(() => pos().recovery.startOver({ password, confirm: START_OVER })))
      await refresh();
  };

  return (
    <main className="screen recovery" data-testid="screen-recovery">
      <h1>{t('recovery.title')}</h1>
      <p className="warning" role="alert" data-testid="recovery-reason">
        {t(`recovery.reasons.${props.state.reason}`)}
      </p>
      <p className="hint" data-testid="recovery-detail">
        {props.state.detail}
      </p>
      <label>
        {t('recovery.password')}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          data-testid="recovery-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button
        type="button"
        data-testid="recovery-unlock"
        disabled={busy}
        onClick={() => void unlock()}
      >
        {t('recovery.unlock')}
      </button>
      <ErrorMessage error={error} testId="recovery-error" />
      {backups && (
        <section className="panel">
          <h2>{t('recovery.fromBackup')}</h2>
          {backups.length === 0 && (
            <p data-testid="recovery-no-backups">{t('recovery.noBackups')}</p>
          )}
          <ul>
            {backups.map((b) => (
              <li key={b.file}>
                <label>
                  <input
                    type="radio"
                    name="recovery-backup"
                    data-testid={`recovery-pick-${b.file}`}
                    checked={picked === b.file}
                    onChange={() => {
                      setPicked(b.file);
                      setConfirming(false);
                    }}
                  />
                  {formatDateTime(b.at)} · {t(`dataCare.kinds.${b.kind}`)} · {b.batchNo ?? '—'}
                </label>
              </li>
            ))}
          </ul>
          {!confirming ? (
            <button
              type="button"
              data-testid="recovery-restore"
              disabled={!picked || busy}
              onClick={() => setConfirming(true)}
            >
              {t('recovery.restore')}
            </button>
          ) : (
            <div data-testid="recovery-confirm-step">
              <p className="warning">{t('recovery.confirmRestore', { file: picked })}</p>
              <button
                type="button"
                className="danger"
                data-testid="recovery-restore-confirm"
                disabled={busy}
                onClick={() => void restore()}
              >
                {t('recovery.confirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('restorePreview.cancel')}
              </button>
            </div>
          )}
          <h2>{t('recovery.startOverTitle')}</h2>
          <p className="warning">{t('recovery.startOverWarning', { words: START_OVER })}</p>
          <input
            data-testid="recovery-startover-text"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button
            type="button"
            className="danger"
            data-testid="recovery-startover"
            disabled={typed !== START_OVER || busy}
            onClick={() => void startOver()}
          >
            {t('recovery.startOver')}
          </button>
        </section>
      )}
    </main>
  );
}
