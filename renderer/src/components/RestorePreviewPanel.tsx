import { useTranslation } from 'react-i18next';
import { formatFenPlain, type RestorePreview } from '../../../preload/contract';

/**
 * What a restore would drop, shown before the technician confirms (issue
 * 16): counts of transactions, settlements and audit entries made since the
 * backup (the audit entries are carried over, not lost), the approved card
 * and QR transactions listed, and the refusal when unsettled ones would go.
 * The confirm button is there only when the restore would go ahead.
 */
export function RestorePreviewPanel(props: {
  preview: RestorePreview;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const p = props.preview;
  return (
    <div className="restore-preview" data-testid="restore-preview">
      <h3>{t('restorePreview.title', { file: p.file })}</h3>
      <ul>
        <li data-testid="drop-transactions">
          {t('restorePreview.transactions', { count: p.transactions })}
        </li>
        <li data-testid="drop-settlements">
          {t('restorePreview.settlements', { count: p.settlements })}
        </li>
        <li data-testid="drop-audit">{t('restorePreview.audit', { count: p.auditEntries })}</li>
      </ul>
      {p.approvedElectronic.length > 0 && (
        <table data-testid="drop-approved">
          <thead>
            <tr>
              <th>{t('restorePreview.voucher')}</th>
              <th>{t('restorePreview.batch')}</th>
              <th>{t('restorePreview.tender')}</th>
              <th>{t('restorePreview.amount')}</th>
              <th>{t('restorePreview.card')}</th>
              <th>{t('restorePreview.settled')}</th>
            </tr>
          </thead>
          <tbody>
            {p.approvedElectronic.map((x) => (
              <tr key={x.id} data-testid="drop-approved-row">
                <td>{x.traceNo}</td>
                <td>{x.batchNo}</td>
                <td>{t(`restorePreview.tenders.${x.tender}`)}</td>
                <td>{formatFenPlain(x.amountFen)}</td>
                <td>{x.panMasked ?? '—'}</td>
                <td>{x.settled ? t('restorePreview.yes') : t('restorePreview.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">
        {t('restorePreview.numbers', {
          voucher: String(p.numbers.trace).padStart(6, '0'),
          batch: String(p.numbers.batch).padStart(6, '0'),
        })}
      </p>
      {p.refusal ? (
        <p className="error" role="alert" data-testid="restore-refused">
          {t(`errors.${p.refusal}`, { count: p.unsettledApproved })}
        </p>
      ) : (
        <button
          type="button"
          className="danger"
          data-testid="restore-confirm"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {t('restorePreview.confirm')}
        </button>
      )}
      <button type="button" data-testid="restore-cancel" onClick={props.onCancel}>
        {t('restorePreview.cancel')}
      </button>
    </div>
  );
}
