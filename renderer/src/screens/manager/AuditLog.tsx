import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, FieldIssue, PosError } from '../../../../preload/contract';
import { DateInput, focusBadDate, useDateGuard } from '../../components/DateInput';
import { DetailList } from '../../components/DetailList';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { issuesByField } from '../../lib/error-text';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { saveText } from '../../lib/save-text';
import { useAppStore } from '../../stores/app-store';
import { WhenCell } from '../history/WhenCell';

interface Filter {
  from: string;
  to: string;
  operatorNo: string;
  action: string;
}

/** Only the filters that were filled in, as the contract takes them. */
function given(f: Filter) {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.operatorNo ? { operatorNo: f.operatorNo } : {}),
    ...(f.action ? { action: f.action } : {}),
  };
}

/**
 * The 事件 filter in words: every action the log knows (sorted by its word),
 * and families of them (operator., access. …) first. The contract takes an
 * action or its prefix; nobody has to know those names.
 */
function ActionChoice({
  value,
  onChange,
  issue,
}: {
  value: string;
  onChange(action: string): void;
  issue: FieldIssue | undefined;
}) {
  const { t, i18n } = useTranslation();
  const words = (key: string) =>
    (i18n.getResource(i18n.language, 'translation', key) ?? {}) as Record<string, string>;
  const families = Object.entries(words('audit.families'));
  const actions = Object.entries(words('audit.actions'))
    .filter(([name]) => name !== 'other')
    .sort((a, b) => a[1].localeCompare(b[1], i18n.language));
  return (
    <label>
      {t('audit.action')}
      <select data-testid="audit-action" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('audit.anyAction')}</option>
        {families.map(([prefix, word]) => (
          <option key={prefix} value={prefix}>
            {word}
          </option>
        ))}
        {actions.map(([name, word]) => (
          <option key={name} value={name}>
            {word}
          </option>
        ))}
      </select>
      <FieldError issue={issue} field="action" />
    </label>
  );
}

/**
 * 审计日志 (00, 99): who did what and when — sign-ins, lockouts, parameter
 * changes old → new, operator changes, approvals, key injection (never the
 * key), settlement, refused calls. Filter, page back, export as CSV.
 */
export function AuditLog() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', operatorNo: '', action: '' });
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [exported, setExported] = useState<number | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const fields = issuesByField(error);
  const formRef = useRef<HTMLFormElement>(null);
  const dates = useDateGuard();

  const search = useCallback(async (f: Filter, beforeId?: number) => {
    const r = await pos().audit.list({
      ...given(f),
      limit: 100,
      ...(beforeId ? { beforeId } : {}),
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    setEntries((old) => (beforeId ? [...old, ...r.value.entries] : r.value.entries));
    setHasMore(r.value.hasMore);
  }, []);
  useEffect(() => void search({ from: '', to: '', operatorNo: '', action: '' }), [search]);
  useEscape(useCallback(() => go({ name: 'standby' }), [go]));

  const exportCsv = async () => {
    if (dates.blocked) return focusBadDate(formRef.current);
    const r = await pos().audit.exportCsv(given(filter));
    if (!r.ok) return setError(r.error);
    saveText(r.value.fileName, r.value.csv);
    setExported(r.value.rows);
  };

  // YYYY-MM-DD whatever the browser's locale (an <input type="date"> is drawn in it).
  const day = (name: 'from' | 'to') => (
    <label>
      {t(`audit.${name}`)}
      <DateInput
        testId={`audit-${name}`}
        value={filter[name]}
        onChange={(v) => setFilter((f) => ({ ...f, [name]: v }))}
        onValidity={dates.watch(name)}
      />
      <FieldError issue={fields[name]} field={name} />
    </label>
  );
  const field = (name: keyof Filter) => (
    <label>
      {t(`audit.${name}`)}
      <input
        data-testid={`audit-${name}`}
        value={filter[name]}
        onChange={(e) => setFilter({ ...filter, [name]: e.target.value.trim() })}
      />
      <FieldError issue={fields[name]} field={name} />
    </label>
  );

  return (
    <main className="screen audit-log" data-testid="screen-audit">
      <form
        ref={formRef}
        className="panel filters"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          // Not the last good day while the field shows another: fix it first.
          if (dates.blocked) return focusBadDate(formRef.current);
          setExported(null);
          void search(filter);
        }}
      >
        <h1>{t('audit.title')}</h1>
        {day('from')}
        {day('to')}
        {field('operatorNo')}
        <ActionChoice
          value={filter.action}
          onChange={(action) => setFilter({ ...filter, action })}
          issue={fields.action}
        />
        <div className="row">
          <button type="submit" className="primary" data-testid="audit-search">
            {t('audit.search')}
          </button>
          <button type="button" data-testid="audit-export" onClick={() => void exportCsv()}>
            {t('audit.export')}
          </button>
        </div>
        {exported !== null && (
          <p className="notice" data-testid="audit-exported">
            {t('audit.exported', { rows: exported })}
          </p>
        )}
        <ErrorMessage error={error} testId="audit-error" />
      </form>
      <section className="panel">
        {entries.length === 0 && <p>{t('audit.empty')}</p>}
        <table>
          <thead>
            <tr>
              <th>{t('audit.at')}</th>
              <th>{t('audit.operatorNo')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <WhenCell at={e.at} />
                <td>{e.operatorNo ?? '—'}</td>
                <td>
                  {t(`audit.actions.${e.action}`, { defaultValue: t('audit.actions.other') })}
                </td>
                <td className="detail">
                  <DetailList detail={e.detail} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {hasMore && (
          <button
            type="button"
            data-testid="audit-more"
            onClick={() =>
              dates.blocked
                ? focusBadDate(formRef.current)
                : void search(filter, entries.at(-1)?.id)
            }
          >
            {t('audit.more')}
          </button>
        )}
        <button type="button" onClick={() => go({ name: 'standby' })}>
          {t('done.toStandby')}
        </button>
      </section>
    </main>
  );
}
