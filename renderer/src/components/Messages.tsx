import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, PosError } from '../../../preload/contract';
import { errorText, fieldIssueText } from '../lib/error-text';
import { useAppStore } from '../stores/app-store';

/** An error in words, with every field issue listed under it. */
export function ErrorMessage({
  error,
  testId = 'error',
}: {
  error: PosError | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  // The till met damage in its database while trading (issue 16): after saying so, the
  // app asks the main side again and shows the recovery screen it is now in.
  const needsRecovery = error?.code === 'RECOVERY_NEEDED';
  useEffect(() => {
    if (needsRecovery) void useAppStore.getState().refresh();
  }, [needsRecovery]);
  if (!error) return null;
  return (
    <div className="error-message" role="alert" data-testid={testId} data-code={error.code}>
      <p>{errorText(t, error)}</p>
      {error.fields && error.fields.length > 0 && (
        <ul>
          {error.fields.map((f) => (
            <li key={`${f.field}-${f.rule}`}>{fieldIssueText(t, f)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The rule a single field broke, shown right under the field. */
export function FieldError({ issue, field }: { issue: FieldIssue | undefined; field: string }) {
  const { t } = useTranslation();
  if (!issue) return null;
  return (
    <span className="field-error" data-testid={`field-error-${field}`} data-rule={issue.rule}>
      {t(`rules.${issue.rule}`, { ...issue.params, defaultValue: t('rules.invalid') })}
    </span>
  );
}
