import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/Messages';
import { SupervisorFields } from '../../../components/SupervisorFields';
import type { Approval } from '../useApproval';

/** 主管授权: the supervisor's number and password for what the cashier may not do alone. */
export function ApprovalDialog({ approval }: { approval: Approval }) {
  const { t } = useTranslation();
  const [operatorNo, setOperatorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  if (!approval.request) return null;
  const submit = async () => {
    const e = await approval.approve({ operatorNo, password });
    setPassword('');
    setError(e);
  };
  return (
    <Dialog title={t('basket.approvalTitle')} testId="approval-dialog" onClose={approval.dismiss}>
      <p data-testid="approval-reason">
        {t(`basket.approvalReason.${approval.request.reason}`, {
          defaultValue: t('basket.approvalReason.other'),
        })}
      </p>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SupervisorFields
          prefix="approval-"
          operatorNo={operatorNo}
          password={password}
          onOperatorNo={setOperatorNo}
          onPassword={setPassword}
          autoFocusPassword
        />
        <div className="row">
          <button type="button" onClick={approval.dismiss}>
            {t('basket.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            data-testid="approval-submit"
            disabled={approval.busy}
          >
            {t('basket.approve')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} testId="approval-error" />
    </Dialog>
  );
}
