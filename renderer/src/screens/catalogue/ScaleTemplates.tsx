import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, ScaleTemplate } from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

/**
 * 条码秤模板 (00 and 99): the scale-label layouts this terminal reads, in the
 * order they are tried; a bad template is refused with its bad part named
 * under it. Enter saves.
 */
export function ScaleTemplates() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [templates, setTemplates] = useState<ScaleTemplate[]>([]);
  const [builtIn, setBuiltIn] = useState<ScaleTemplate[]>([]);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  useEscape(useCallback(() => go({ name: 'catalogue' }), [go]));

  useEffect(() => {
    void pos()
      .catalogue.getScaleTemplates({})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setTemplates(r.value.templates);
        setBuiltIn(r.value.builtIn);
      });
  }, []);

  const edit = (i: number, change: Partial<ScaleTemplate>) => {
    setSaved(false);
    setTemplates((ts) => ts.map((x, n) => (n === i ? { ...x, ...change } : x)));
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await pos().catalogue.saveScaleTemplates({ templates });
    if (!r.ok) {
      setSaved(false);
      return setError(r.error);
    }
    setError(null);
    setTemplates(r.value.templates);
    setSaved(true);
  };
  const issuesOf = (i: number) =>
    (error?.fields ?? []).filter((f) => f.field.startsWith(`templates.${i}.`));

  return (
    <main className="screen scale-templates" data-testid="screen-scale-templates">
      <form className="panel" onSubmit={(e) => void save(e)}>
        <h1>{t('scaleTemplates.title')}</h1>
        <p className="hint">{t('scaleTemplates.hint')}</p>
        <table>
          <thead>
            <tr>
              <th>{t('scaleTemplates.enabled')}</th>
              <th>{t('scaleTemplates.name')}</th>
              <th>{t('scaleTemplates.pattern')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {templates.map((tpl, i) => (
              <tr key={i} data-testid={`scale-template-${i}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('scaleTemplates.enabled')}
                    data-testid={`scale-template-${i}-enabled`}
                    checked={tpl.enabled}
                    onChange={(e) => edit(i, { enabled: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    data-testid={`scale-template-${i}-name`}
                    value={tpl.name}
                    onChange={(e) => edit(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="mono"
                    data-testid={`scale-template-${i}-pattern`}
                    value={tpl.pattern}
                    onChange={(e) => edit(i, { pattern: e.target.value.toUpperCase() })}
                  />
                  {issuesOf(i).map((f) => (
                    <span
                      key={f.rule}
                      className="field-error"
                      data-testid={`scale-template-${i}-error`}
                      data-rule={f.rule}
                    >
                      {t(`rules.${f.rule}`, { ...f.params, defaultValue: t('rules.invalid') })}
                    </span>
                  ))}
                </td>
                <td className="actions">
                  {i > 0 && (
                    <button
                      type="button"
                      onClick={() =>
                        setTemplates((ts) => {
                          const next = [...ts];
                          [next[i - 1], next[i]] = [next[i]!, next[i - 1]!];
                          return next;
                        })
                      }
                    >
                      {t('scaleTemplates.up')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => setTemplates((ts) => ts.filter((_, n) => n !== i))}
                  >
                    {t('scaleTemplates.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button
            type="button"
            data-testid="scale-template-add"
            onClick={() =>
              setTemplates((ts) => [
                ...ts,
                { name: `模板 ${ts.length + 1}`, pattern: '', enabled: true },
              ])
            }
          >
            {t('scaleTemplates.add')}
          </button>
          <button type="button" onClick={() => setTemplates(builtIn.map((b) => ({ ...b })))}>
            {t('scaleTemplates.builtIn')}
          </button>
          <button type="submit" className="primary" data-testid="scale-templates-save">
            {t('scaleTemplates.save')}
          </button>
        </div>
        {saved && (
          <p className="notice" data-testid="scale-templates-notice">
            {t('scaleTemplates.saved')}
          </p>
        )}
        <ErrorMessage error={error} testId="scale-templates-error" />
      </form>
      <button type="button" onClick={() => go({ name: 'catalogue' })}>
        {t('catalogue.back')}
      </button>
    </main>
  );
}
