import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostSignInOutcome, PosError, Session } from '../../../preload/contract';
import { ErrorMessage, FieldError } from '../components/Messages';
import { issuesByField } from '../lib/error-text';
import { pos } from '../lib/pos';

interface Props {
  operatorNo: string;
  currentPassword: string;
  reason: 'default' | 'expired' | 'reset';
  passwordLength: number;
  onChanged(session: Session, host: HostSignInOutcome): void;
}

/** Forced change of a default, reset or expired password; signs in when done. */
export function ChangePasswordForm(props: Props) {
  const { t } = useTranslation();
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const fields = issuesByField(error);
  const reasonKey = {
    default: 'changePassword.reasonDefault',
    expired: 'changePassword.reasonExpired',
    reset: 'changePassword.reasonReset',
  }[props.reason];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await pos().auth.changePassword({
      operatorNo: props.operatorNo,
      currentPassword: props.currentPassword,
      newPassword,
      confirmPassword,
    });
    if (!r.ok) {
      setError(r.error);
      // Typed again from the field named wrong: the confirmation alone when it
      // differs; both when the new password breaks a rule (the cursor stayed
      // in the filled confirmation, the way back to the new one only by Tab).
      setConfirmPassword('');
      if (issuesByField(r.error).confirmPassword) confirmRef.current?.focus();
      else {
        setNewPassword('');
        newRef.current?.focus();
      }
      return;
    }
    props.onChanged(r.value.session, r.value.host);
  };

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} data-testid="change-password-form">
      <h2>
        {t('changePassword.title')} · {t('header.operator')} {props.operatorNo}
      </h2>
      <p data-testid="change-password-reason">{t(reasonKey)}</p>
      <label>
        {t('changePassword.newPassword')} (
        {t('changePassword.digits', { length: props.passwordLength })})
        <input
          ref={newRef}
          data-testid="new-password"
          type="password"
          inputMode="numeric"
          autoFocus
          maxLength={32}
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && confirmPassword === '') {
              e.preventDefault();
              confirmRef.current?.focus();
            }
          }}
        />
        <FieldError issue={fields.newPassword} field="newPassword" />
      </label>
      <label>
        {t('changePassword.confirmPassword')}
        <input
          ref={confirmRef}
          data-testid="confirm-password"
          type="password"
          inputMode="numeric"
          maxLength={32}
          value={confirmPassword}
          onChange={(e) => setConfirmPassword(e.target.value)}
        />
        <FieldError issue={fields.confirmPassword} field="confirmPassword" />
      </label>
      <ErrorMessage error={error} testId="change-password-error" />
      <button type="submit" className="primary" data-testid="change-password-submit">
        {t('changePassword.submit')}
      </button>
    </form>
  );
}
