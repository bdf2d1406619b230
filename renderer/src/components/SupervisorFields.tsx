import { useTranslation } from 'react-i18next';

/**
 * The supervisor's number and password, typed at the moment a void, refund or
 * pre-auth follow-up needs approval. Test ids: `${prefix}supervisor-no`,
 * `${prefix}supervisor-password`.
 */
export function SupervisorFields({
  prefix = '',
  operatorNo,
  password,
  onOperatorNo,
  onPassword,
  autoFocusPassword = false,
}: {
  prefix?: string;
  /** The number is prefilled with 00: keyboard users start at the password. */
  autoFocusPassword?: boolean;
  operatorNo: string;
  password: string;
  onOperatorNo(v: string): void;
  onPassword(v: string): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('history.supervisorNo')}
        <input
          data-testid={`${prefix}supervisor-no`}
          inputMode="numeric"
          maxLength={2}
          value={operatorNo}
          onChange={(e) => onOperatorNo(e.target.value)}
        />
      </label>
      <label>
        {t('history.supervisorPassword')}
        <input
          data-testid={`${prefix}supervisor-password`}
          type="password"
          autoComplete="off"
          autoFocus={autoFocusPassword}
          value={password}
          onChange={(e) => onPassword(e.target.value)}
        />
      </label>
    </>
  );
}
