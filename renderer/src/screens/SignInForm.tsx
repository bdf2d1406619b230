import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostSignInOutcome, PosError, Session, SignInResult } from '../../../preload/contract';
import { ErrorMessage, FieldError } from '../components/Messages';
import { issuesByField } from '../lib/error-text';
import { pos } from '../lib/pos';

type ChangeRequired = Extract<SignInResult, { status: 'password-change-required' }>;

interface Props {
  title: string;
  onSignedIn(session: Session, host: HostSignInOutcome): void;
  onChangeRequired(info: ChangeRequired, currentPassword: string): void;
}

/**
 * Operator number + password, keyboard first: two digits jump to the password,
 * Enter signs in, Esc clears. Wrong passwords show the attempts left.
 */
export function SignInForm({ title, onSignedIn, onChangeRequired }: Props) {
  const { t } = useTranslation();
  const [operatorNo, setOperatorNo] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const operatorRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const fields = issuesByField(error);

  const clear = () => {
    setOperatorNo('');
    setPassword('');
    operatorRef.current?.focus();
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await pos().auth.signIn({ operatorNo, password });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      setPassword('');
      // Back to what was wrong: the number when it is unknown (the cursor
      // stayed in the password), else the password.
      const issues = issuesByField(r.error);
      if (r.error.code === 'UNKNOWN_OPERATOR' || (issues.operatorNo && !issues.password)) {
        operatorRef.current?.focus();
        operatorRef.current?.select();
      } else passwordRef.current?.focus();
      return;
    }
    setError(null);
    if (r.value.status === 'signed-in') onSignedIn(r.value.session, r.value.host);
    else onChangeRequired(r.value, password);
  };

  const onEsc = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    }
  };

  return (
    <form
      className="panel sign-in"
      onSubmit={(e) => void submit(e)}
      onKeyDown={onEsc}
      data-testid="sign-in-form"
    >
      <h2>{title}</h2>
      <label>
        {t('signIn.operatorNo')}
        <input
          ref={operatorRef}
          data-testid="operator-no"
          inputMode="numeric"
          autoComplete="off"
          maxLength={2}
          autoFocus
          value={operatorNo}
          onChange={(e) => {
            const v = e.target.value.replace(/\D/g, '').slice(0, 2);
            setOperatorNo(v);
            if (v.length === 2) passwordRef.current?.focus();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              passwordRef.current?.focus();
            }
          }}
        />
        <FieldError issue={fields.operatorNo} field="operatorNo" />
      </label>
      <label>
        {t('signIn.password')}
        <input
          ref={passwordRef}
          data-testid="password"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={32}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {/* An empty password was refused with no word on the screen. */}
        <FieldError issue={fields.password} field="password" />
      </label>
      <ErrorMessage error={error?.code === 'INVALID_INPUT' ? null : error} testId="sign-in-error" />
      <button type="submit" className="primary" data-testid="sign-in-submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
      <p className="hint">{t('signIn.hint')}</p>
    </form>
  );
}
