import { useTranslation } from 'react-i18next';
import type {
  Discount,
  OrderLineView,
  OrderView,
  PosError,
  Result,
} from '../../../../preload/contract';
import { pos } from '../../lib/pos';
import { DiscountDialog } from './dialogs/DiscountDialog';
import { HeldOrdersDialog } from './dialogs/HeldOrdersDialog';
import { OpenPriceDialog } from './dialogs/OpenPriceDialog';
import { PriceDialog } from './dialogs/PriceDialog';
import { QuantityDialog } from './dialogs/QuantityDialog';
import type { Supervisor } from './useApproval';

/** Which of the basket's dialogs is up. */
export type Open =
  | { kind: 'quantity'; line: OrderLineView }
  | { kind: 'weigh'; productId: number; name: string; unitPriceFen: number }
  | { kind: 'line-discount'; line: OrderLineView }
  | { kind: 'order-discount' }
  | { kind: 'price'; line: OrderLineView }
  | { kind: 'held' }
  | { kind: 'open-price'; code: string }
  | null;

/**
 * The basket's dialogs (quantity or weight, discounts, price override, held
 * orders, an unknown code's open price): each sends its change to the main
 * side through the basket's `change`, which brings up the supervisor when the
 * answer is APPROVAL_REQUIRED.
 */
export function BasketDialogs({
  open,
  order,
  change,
  changed,
  onClose: closeDialog,
  onRecall: recall,
  priceError,
  setPriceError,
}: {
  open: Open;
  order: OrderView | null;
  change(send: (s?: Supervisor) => Promise<Result<OrderView>>, select?: number): Promise<unknown>;
  changed(o: OrderView): void;
  onClose(): void;
  onRecall(orderId: number): void;
  priceError: PosError | null;
  setPriceError(e: PosError | null): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {open?.kind === 'quantity' && (
        <QuantityDialog
          name={open.line.name}
          weighed={open.line.weightG !== null}
          initial={open.line.weightG ?? open.line.quantity}
          unitPriceFen={open.line.unitPriceFen}
          onClose={closeDialog}
          onConfirm={(v) =>
            void change((supervisor) =>
              pos().order.setQuantity({
                lineId: open.line.id,
                ...v,
                ...(supervisor ? { supervisor } : {}),
              }),
            )
          }
        />
      )}
      {open?.kind === 'weigh' && (
        <QuantityDialog
          name={open.name}
          weighed
          initial={null}
          unitPriceFen={open.unitPriceFen}
          onClose={closeDialog}
          onConfirm={(v) =>
            'weightG' in v &&
            void change(() =>
              pos().order.addProduct({ productId: open.productId, weightG: v.weightG }),
            )
          }
        />
      )}
      {(open?.kind === 'line-discount' || open?.kind === 'order-discount') && (
        <DiscountDialog
          title={
            open.kind === 'line-discount'
              ? t('basket.lineDiscountTitle', { name: open.line.name })
              : t('basket.orderDiscountTitle')
          }
          current={open.kind === 'line-discount' ? open.line.discount : (order?.discount ?? null)}
          onClose={closeDialog}
          onConfirm={(discount: Discount | null) =>
            void change((supervisor) =>
              open.kind === 'line-discount'
                ? pos().order.setLineDiscount({
                    lineId: open.line.id,
                    discount,
                    ...(supervisor ? { supervisor } : {}),
                  })
                : pos().order.setOrderDiscount({ discount, ...(supervisor ? { supervisor } : {}) }),
            )
          }
        />
      )}
      {open?.kind === 'price' && (
        <PriceDialog
          name={open.line.name}
          currentFen={open.line.unitPriceFen}
          error={priceError}
          onClose={() => {
            setPriceError(null);
            closeDialog();
          }}
          onConfirm={(unitPriceFen, supervisor) =>
            void pos()
              .order.overridePrice({ lineId: open.line.id, unitPriceFen, supervisor })
              .then((r) => {
                if (!r.ok) return setPriceError(r.error);
                setPriceError(null);
                changed(r.value);
                closeDialog();
              })
          }
        />
      )}
      {open?.kind === 'held' && <HeldOrdersDialog onRecall={recall} onClose={closeDialog} />}
      {open?.kind === 'open-price' && (
        <OpenPriceDialog
          code={open.code}
          onClose={closeDialog}
          onConfirm={(name, amountFen) =>
            void change((supervisor) =>
              pos().order.addOpenLine({
                amountFen,
                name,
                code: open.code,
                ...(supervisor ? { supervisor } : {}),
              }),
            )
          }
        />
      )}
    </>
  );
}
