import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type OrderUndoView,
  type OrderView,
  type PosError,
} from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/Messages';
import { SupervisorFields } from '../../../components/SupervisorFields';
import { pos } from '../../../lib/pos';

/** 整单撤销: the supervisor approves giving back every payment of a partly paid order. */
export function AbandonDialog({
  order,
  onStarted,
  onClose,
}: {
  order: OrderView;
  onStarted(undo: OrderUndoView): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [operatorNo, setOperatorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await pos().order.abandon({
      orderId: order.id,
      supervisor: { operatorNo, password },
    });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    onStarted(r.value);
  };
  return (
    <Dialog title={t('split.abandon')} testId="abandon-dialog" onClose={onClose}>
      <p>{t('split.abandonExplain', { paid: formatFen(order.paidFen) })}</p>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SupervisorFields
          prefix="abandon-"
          operatorNo={operatorNo}
          password={password}
          onOperatorNo={setOperatorNo}
          onPassword={setPassword}
          autoFocusPassword
        />
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('basket.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="abandon-submit" disabled={busy}>
            {t('split.abandonConfirm')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} testId="abandon-error" />
    </Dialog>
  );
}
