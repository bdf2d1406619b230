import { useTranslation } from 'react-i18next';
import { useAppStore } from '../stores/app-store';
import { SignInForm } from './SignInForm';

export function SignInScreen() {
  const { t } = useTranslation();
  const signedIn = useAppStore((s) => s.signedIn);
  const go = useAppStore((s) => s.go);
  const notice = useAppStore((s) => s.notice);
  const keyProblem = useAppStore((s) => s.info?.secretKeyProblem ?? null);
  return (
    <main className="screen" data-testid="screen-sign-in">
      {keyProblem && (
        <p className="notice error" role="alert" data-testid="secret-key-alert">
          {t('signIn.secretKeyProblem')}
        </p>
      )}
      {notice && (
        <p className="notice" data-testid="notice">
          {t(notice)}
        </p>
      )}
      <SignInForm
        title={t('signIn.title')}
        onSignedIn={signedIn}
        onChangeRequired={(r, currentPassword) =>
          go({
            name: 'change-password',
            operatorNo: r.operatorNo,
            currentPassword,
            reason: r.reason,
            passwordLength: r.passwordLength,
          })
        }
      />
    </main>
  );
}
