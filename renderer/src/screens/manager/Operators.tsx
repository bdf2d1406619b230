import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView, PosError, Result } from '../../../../preload/contract';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

type RowAction = 'rename' | 'reset';

/**
 * 操作员管理: the supervisor (00) adds, renames, disables, removes, resets and
 * unlocks cashiers; the technician (99) sees the supervisor and can reset or
 * unlock them. The main side checks every rule; this screen shows its answers.
 */
export function Operators() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const role = useAppStore((s) => s.session?.role);
  const [list, setList] = useState<OperatorView[]>([]);
  const [error, setError] = useState<PosError | null>(null);
  // An i18n key with its values, so the notice follows a language switch.
  const [notice, setNotice] = useState<{ key: string; params: Record<string, string> } | null>(
    null,
  );
  const [newNo, setNewNo] = useState('');
  const [newName, setNewName] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [editing, setEditing] = useState<{ operatorNo: string; action: RowAction } | null>(null);
  const [value, setValue] = useState('');
  const fields = issuesByField(error);

  const load = useCallback(async () => {
    const r = await pos().operators.list({});
    if (r.ok) setList(r.value.operators);
    else setError(r.error);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (editing) setEditing(null);
        else go({ name: 'standby' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, editing]);

  /** Runs a change, shows its outcome (an i18n key) or error, reloads the list. */
  const run = async (
    call: Promise<Result<unknown>>,
    done: string,
    params: Record<string, string> = {},
  ) => {
    const r = await call;
    if (!r.ok) {
      setNotice(null);
      return setError(r.error);
    }
    setError(null);
    setNotice({ key: done, params });
    setEditing(null);
    setValue('');
    await load();
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(
      pos().operators.add({ operatorNo: newNo, name: newName, password: newPassword }),
      'operators.added',
      { operatorNo: newNo },
    ).then(() => setNewPassword(''));
  };

  const submitRow = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const { operatorNo, action } = editing;
    void run(
      action === 'rename'
        ? pos().operators.rename({ operatorNo, name: value })
        : pos().operators.resetPassword({ operatorNo, password: value }),
      action === 'rename' ? 'operators.renamed' : 'operators.passwordReset',
      { operatorNo },
    );
  };

  return (
    <main className="screen operators" data-testid="screen-operators">
      <section className="panel">
        <h1>{t('operators.title')}</h1>
        <p className="hint">{t(role === 'admin' ? 'operators.hintAdmin' : 'operators.hint')}</p>
        <table>
          <thead>
            <tr>
              <th>{t('operators.no')}</th>
              <th>{t('operators.name')}</th>
              <th>{t('operators.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((op) => {
              const manageable =
                role === 'supervisor' ? op.role === 'cashier' : op.role === 'supervisor';
              return (
                <tr key={op.operatorNo} data-testid={`operator-${op.operatorNo}`}>
                  <td>{op.operatorNo}</td>
                  <td data-testid={`operator-${op.operatorNo}-name`}>{op.name}</td>
                  <td data-testid={`operator-${op.operatorNo}-state`}>
                    {[
                      op.disabled && t('operators.disabled'),
                      op.lockedUntil && t('operators.locked'),
                      op.mustChangePassword && t('operators.mustChange'),
                      op.onShift && t('operators.onShift'),
                    ]
                      .filter(Boolean)
                      .join(' · ') || t('operators.active')}
                  </td>
                  <td className="actions">
                    {manageable && role === 'supervisor' && (
                      <>
                        <button
                          type="button"
                          data-testid={`operator-${op.operatorNo}-rename`}
                          onClick={() => {
                            setEditing({ operatorNo: op.operatorNo, action: 'rename' });
                            setValue(op.name);
                          }}
                        >
                          {t('operators.rename')}
                        </button>
                        <button
                          type="button"
                          data-testid={`operator-${op.operatorNo}-toggle`}
                          onClick={() =>
                            void run(
                              pos().operators.setDisabled({
                                operatorNo: op.operatorNo,
                                disabled: !op.disabled,
                              }),
                              op.disabled ? 'operators.enabledDone' : 'operators.disabledDone',
                              { operatorNo: op.operatorNo },
                            )
                          }
                        >
                          {t(op.disabled ? 'operators.enable' : 'operators.disable')}
                        </button>
                        <button
                          type="button"
                          data-testid={`operator-${op.operatorNo}-remove`}
                          onClick={() =>
                            void run(
                              pos().operators.remove({ operatorNo: op.operatorNo }),
                              'operators.removed',
                              { operatorNo: op.operatorNo },
                            )
                          }
                        >
                          {t('operators.remove')}
                        </button>
                      </>
                    )}
                    {manageable && (
                      <>
                        <button
                          type="button"
                          data-testid={`operator-${op.operatorNo}-reset`}
                          onClick={() => {
                            setEditing({ operatorNo: op.operatorNo, action: 'reset' });
                            setValue('');
                          }}
                        >
                          {t('operators.reset')}
                        </button>
                        {op.lockedUntil && (
                          <button
                            type="button"
                            data-testid={`operator-${op.operatorNo}-unlock`}
                            onClick={() =>
                              void run(
                                pos().operators.unlock({ operatorNo: op.operatorNo }),
                                'operators.unlocked',
                                { operatorNo: op.operatorNo },
                              )
                            }
                          >
                            {t('operators.unlock')}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing && (
          <form onSubmit={submitRow} data-testid="operator-edit">
            <label>
              {t(editing.action === 'rename' ? 'operators.newName' : 'operators.tempPassword', {
                operatorNo: editing.operatorNo,
              })}
              <input
                data-testid="operator-edit-value"
                autoFocus
                type={editing.action === 'reset' ? 'password' : 'text'}
                inputMode={editing.action === 'reset' ? 'numeric' : 'text'}
                autoComplete="off"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
              <FieldError issue={fields.name ?? fields.password} field="value" />
            </label>
            <button type="submit" className="primary" data-testid="operator-edit-save">
              {t('operators.save')}
            </button>
          </form>
        )}
      </section>
      {role === 'supervisor' && (
        <form className="panel" onSubmit={add} data-testid="operator-add">
          <h2>{t('operators.addTitle')}</h2>
          <label>
            {t('operators.no')}
            <input
              data-testid="operator-add-no"
              inputMode="numeric"
              maxLength={2}
              value={newNo}
              onChange={(e) => setNewNo(e.target.value.trim())}
            />
            <FieldError issue={fields.operatorNo} field="operatorNo" />
          </label>
          <label>
            {t('operators.name')}
            <input
              data-testid="operator-add-name"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
            />
            <FieldError issue={editing ? undefined : fields.name} field="name" />
          </label>
          <label>
            {t('operators.tempPasswordNew')}
            <input
              data-testid="operator-add-password"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
            <FieldError issue={editing ? undefined : fields.password} field="password" />
          </label>
          <button type="submit" className="primary" data-testid="operator-add-submit">
            {t('operators.add')}
          </button>
        </form>
      )}
      {notice && (
        <p className="notice" data-testid="operators-notice">
          {t(notice.key, notice.params)}
        </p>
      )}
      <ErrorMessage error={error} testId="operators-error" />
      <button type="button" onClick={() => go({ name: 'standby' })}>
        {t('done.toStandby')}
      </button>
    </main>
  );
}
