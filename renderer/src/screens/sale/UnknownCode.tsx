import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../preload/contract';

export interface Unknown {
  code: string;
  reason: 'not-found' | 'check-digit' | 'inactive';
  /** Typed by hand (a scanned code is never offered as an amount). */
  typed: boolean;
}

/**
 * 未知商品: the code named, nothing added. Typed digits may be meant as an
 * amount (the bank-terminal habit): `+` makes them one. The supervisor can let
 * the code be sold as an open-price line.
 */
export function UnknownCode({
  unknown,
  onAmount,
  onOpenPrice,
}: {
  unknown: Unknown;
  onAmount(amountFen: number): void;
  onOpenPrice(): void;
}) {
  const { t } = useTranslation();
  const asAmount =
    unknown.typed && /^\d{1,8}$/.test(unknown.code) && Number(unknown.code) > 0
      ? Number(unknown.code)
      : null;
  return (
    <div
      className="notice warning"
      role="alert"
      data-testid="unknown-code"
      data-code={unknown.code}
      data-reason={unknown.reason}
    >
      <p>
        <b>{t('basket.unknownTitle')}</b> {unknown.code}
      </p>
      <p>{t(`basket.unknownReason.${unknown.reason}`)}</p>
      <div className="row">
        {asAmount !== null && (
          <button type="button" data-testid="unknown-as-amount" onClick={() => onAmount(asAmount)}>
            {t('basket.asAmount', { amount: formatFen(asAmount) })}
          </button>
        )}
        {unknown.reason !== 'check-digit' && (
          <button type="button" data-testid="unknown-open-price" onClick={onOpenPrice}>
            {t('basket.sellOpenPrice')}
          </button>
        )}
      </div>
    </div>
  );
}
