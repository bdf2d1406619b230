import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  hasCardData,
  type OrderView,
  type PosError,
  type Result,
  type ScanOutcome,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { ScannerPanel } from '../../components/ScannerPanel';
import { pos } from '../../lib/pos';
import { useScanDetector } from '../../lib/useScanDetector';
import { useOrderStore } from '../../stores/order-store';
import { BasketDialogs, type Open } from './BasketDialogs';
import { BasketLines } from './BasketLines';
import { BasketTotals } from './BasketTotals';
import { ApprovalDialog } from './dialogs/ApprovalDialog';
import { EntryField, type EntryCommand } from './EntryField';
import { UnknownCode, type Unknown } from './UnknownCode';
import { useApproval, type Supervisor } from './useApproval';
import './checkout.css';

/** The function keys of the basket, shown on its buttons too (touch). */
const KEYS = {
  quantity: 'F2',
  lineDiscount: 'F3',
  price: 'F4',
  hold: 'F5',
  recall: 'F6',
  orderDiscount: 'F8',
  clear: 'F9',
  pay: 'F12',
} as const;

/**
 * 收银: the basket. Scan (wedge, serial or the training panel), type a code or
 * search by name / pinyin initials, key an amount with `+`; change the
 * selected line's quantity, discount or price, delete it; discount the order;
 * hold it, recall another, clear it; Enter on an empty field (or F12) pays.
 * Every change is the main side's answer: the basket is in SQLite.
 */
export function Basket({
  onPay,
  onPaymentCode,
  onStandby,
  firstScan = null,
  onFirstScanTaken,
}: {
  onPay(order: OrderView): void;
  onPaymentCode(code: string): void;
  onStandby(): void;
  /** A code scanned on standby, added like any scan once the order is loaded. */
  firstScan?: string | null;
  onFirstScanTaken?(): void;
}) {
  const { t } = useTranslation();
  const order = useOrderStore((s) => s.order);
  const setOrder = useOrderStore((s) => s.set);
  const approval = useApproval();
  const { run, setError } = approval;
  const [selected, setSelected] = useState<number | null>(null);
  const [multiplier, setMultiplier] = useState<number | null>(null);
  const [unknown, setUnknown] = useState<Unknown | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [clearToken, setClearToken] = useState(0);
  const [priceError, setPriceError] = useState<PosError | null>(null);
  const entry = useRef<HTMLInputElement>(null);

  const lines = order?.lines ?? [];
  const line = lines.find((l) => l.id === selected) ?? lines.at(-1) ?? null;
  const focusEntry = () => setTimeout(() => entry.current?.focus(), 0);

  const changed = useCallback(
    (o: OrderView, select?: number) => {
      setOrder(o);
      setUnknown(null);
      setNotice(null);
      if (select !== undefined) setSelected(select);
      else if (!o.lines.some((l) => l.id === selected)) setSelected(o.lines.at(-1)?.id ?? null);
    },
    [setOrder, selected],
  );

  /** Sends an order change; APPROVAL_REQUIRED brings up the supervisor, then it goes again. */
  const change = (send: (s?: Supervisor) => Promise<Result<OrderView>>, select?: number) =>
    run(send, (o) => {
      changed(o, select);
      setOpen(null);
      focusEntry();
    });

  const scanOutcome = (r: ScanOutcome, code: string, typed: boolean) => {
    if (r.kind === 'added') return changed(r.order, r.lineId);
    if (r.kind === 'needs-weight')
      return setOpen({
        kind: 'weigh',
        productId: r.productId,
        name: r.name,
        unitPriceFen: r.unitPriceFen,
      });
    if (r.kind === 'payment-code') {
      if (order && order.dueFen > 0) return onPaymentCode(code);
      return setNotice(t('basket.paymentCodeNoOrder'));
    }
    setUnknown({ code: r.code, reason: r.reason, typed });
  };

  /** Card data (a wedge swipe, a serial scanner's read, a typed number) is never sent. */
  const refuseCard = () => {
    setUnknown(null);
    setClearToken((n) => n + 1);
    setNotice(t('basket.cardDataRefused'));
  };
  const scan = (code: string, typed: boolean) => {
    if (hasCardData(code, { paymentCodes: true })) return refuseCard();
    const quantity = multiplier ?? undefined;
    setMultiplier(null);
    void run(
      () => pos().order.scan(quantity ? { code, quantity } : { code }),
      (r) => scanOutcome(r, code, typed),
    );
  };
  const scanRef = useRef(scan);
  scanRef.current = scan;

  // A wedge scanner's burst (its characters went into the field: they are dropped).
  useScanDetector(
    (code) => {
      setClearToken((n) => n + 1);
      scanRef.current(code, false);
    },
    // A swipe's two tracks run to ~120 characters: still one burst, its Enter eaten.
    { enabled: open === null && !approval.request, maxLength: 160 },
  );
  // A serial (or the training panel's) scanner delivers codes as events.
  useEffect(() => pos().events.on('scanner:scanned', (s) => scanRef.current(s.code, false)), []);
  useEffect(() => entry.current?.focus(), []);
  useEffect(() => {
    if (firstScan === null) return;
    onFirstScanTaken?.();
    scanRef.current(firstScan, false);
  }, [firstScan, onFirstScanTaken]);

  const move = (by: 1 | -1) => {
    if (lines.length === 0) return;
    const i = Math.max(
      0,
      lines.findIndex((l) => l.id === line?.id),
    );
    setSelected(lines[Math.min(lines.length - 1, Math.max(0, i + by))]!.id);
  };
  const remove = () => {
    if (!line) return;
    void change((supervisor) =>
      pos().order.removeLine({ lineId: line.id, ...(supervisor ? { supervisor } : {}) }),
    );
  };
  const pay = () => {
    if (!order || order.lines.length === 0) return setNotice(t('basket.nothingToPay'));
    onPay(order);
  };
  const hold = () =>
    void run(
      () => pos().order.hold({}),
      (r) => {
        setOrder(null);
        setSelected(null);
        setNotice(t('basket.held', { number: r.held.number }));
        focusEntry();
      },
    );
  const recall = (orderId: number) =>
    void run(
      () => pos().order.recall({ orderId }),
      (r) => {
        changed(r.order, r.order.lines.at(-1)?.id);
        setOpen(null);
        if (r.held) setNotice(t('basket.held', { number: r.held.number }));
        focusEntry();
      },
    );
  const clearOrder = () => {
    if (!order) return;
    void run(
      (supervisor) =>
        pos().order.cancel({ orderId: order.id, ...(supervisor ? { supervisor } : {}) }),
      () => {
        setOrder(null);
        setSelected(null);
        setNotice(t('basket.cleared'));
        focusEntry();
      },
    );
  };

  const onCommand = (c: EntryCommand) => {
    setError(null);
    switch (c.kind) {
      case 'code':
        return scan(c.code, true);
      case 'product':
        if (c.product.weighable)
          return setOpen({
            kind: 'weigh',
            productId: c.product.id,
            name: c.product.name,
            unitPriceFen: c.product.priceFen,
          });
        {
          const quantity = multiplier ?? undefined;
          setMultiplier(null);
          return void change(() =>
            pos().order.addProduct(
              quantity ? { productId: c.product.id, quantity } : { productId: c.product.id },
            ),
          );
        }
      case 'amount':
        return void change(() => pos().order.addOpenLine({ amountFen: c.amountFen }));
      case 'multiply':
        return setMultiplier(c.quantity);
      case 'pay':
        return pay();
      case 'move':
        return move(c.by);
      case 'remove':
        return remove();
      case 'card-data':
        return refuseCard();
      case 'escape':
        if (multiplier !== null) return setMultiplier(null);
        if (unknown) return setUnknown(null);
        if (lines.length === 0) return onStandby();
        return setNotice(t('basket.escapeHint'));
    }
  };

  // Function keys work wherever the focus is (they type nothing), unless a dialog is open.
  // On an empty order these keys say why nothing happens (their buttons are
  // greyed; the keys did nothing, and F5 answered 没有找到这张单据).
  const withLines = (f: () => void) => () =>
    lines.length === 0 ? setNotice(t('basket.emptyKey')) : f();
  const keys: Record<string, () => void> = {
    [KEYS.quantity]: withLines(() => line && setOpen({ kind: 'quantity', line })),
    [KEYS.lineDiscount]: withLines(() => line && setOpen({ kind: 'line-discount', line })),
    [KEYS.price]: withLines(() => line && setOpen({ kind: 'price', line })),
    [KEYS.hold]: withLines(hold),
    [KEYS.recall]: () => setOpen({ kind: 'held' }),
    [KEYS.orderDiscount]: withLines(() => order && setOpen({ kind: 'order-discount' })),
    [KEYS.clear]: withLines(clearOrder),
    [KEYS.pay]: pay,
  };
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const idle = open === null && !approval.request;
  useEffect(() => {
    if (!idle) return;
    const onKey = (e: KeyboardEvent) => {
      const handler = keysRef.current[e.key];
      if (!handler || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [idle]);

  const button = (key: keyof typeof KEYS, label: string, testId: string, disabled = false) => (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled || approval.busy}
      onClick={keys[KEYS[key]]}
    >
      <kbd>{KEYS[key]}</kbd> {label}
    </button>
  );
  const closeDialog = () => {
    setOpen(null);
    focusEntry();
  };

  return (
    <div className="checkout" data-testid="basket" data-order={order?.number ?? ''}>
      <section className="panel basket">
        <header className="basket-head">
          <span>
            {t('basket.orderNo')} <b data-testid="order-number">{order?.number ?? '—'}</b>
          </span>
          {order && order.state !== 'open' && (
            <span className="tag" data-testid="order-state">
              {t(`basket.state.${order.state}`)}
            </span>
          )}
        </header>
        <BasketLines lines={lines} selected={line?.id ?? null} onSelect={setSelected} />
      </section>
      <aside className="panel checkout-side">
        <BasketTotals order={order} />
        <EntryField
          ref={entry}
          disabled={!idle}
          multiplier={multiplier}
          clearToken={clearToken}
          onCommand={onCommand}
        />
        {unknown && (
          <UnknownCode
            unknown={unknown}
            onAmount={(amountFen) => void change(() => pos().order.addOpenLine({ amountFen }))}
            onOpenPrice={() => setOpen({ kind: 'open-price', code: unknown.code })}
          />
        )}
        {notice && (
          <p className="notice" data-testid="basket-notice">
            {notice}
          </p>
        )}
        <ErrorMessage error={approval.error} testId="basket-error" />
        <div className="key-grid">
          {button('quantity', t('basket.keyQuantity'), 'key-quantity', !line)}
          {button('lineDiscount', t('basket.keyLineDiscount'), 'key-line-discount', !line)}
          {button('price', t('basket.keyPrice'), 'key-price', !line)}
          <button type="button" data-testid="key-remove" disabled={!line} onClick={remove}>
            <kbd>Del</kbd> {t('basket.keyRemove')}
          </button>
          {button(
            'orderDiscount',
            t('basket.keyOrderDiscount'),
            'key-order-discount',
            !order?.lines.length,
          )}
          {button('hold', t('basket.keyHold'), 'key-hold', !order?.lines.length)}
          {button('recall', t('basket.keyRecall'), 'key-recall')}
          {button('clear', t('basket.keyClear'), 'key-clear', !order)}
          <button
            type="button"
            data-testid="key-standby"
            onClick={onStandby}
            disabled={lines.length > 0}
          >
            <kbd>Esc</kbd> {t('basket.keyStandby')}
          </button>
          <button
            type="button"
            className="primary pay"
            data-testid="key-pay"
            disabled={!order?.lines.length}
            onClick={pay}
          >
            <kbd>Enter</kbd> {t('basket.keyPay')} {order ? formatFen(order.dueFen) : ''}
          </button>
        </div>
        <p className="hint">{t('basket.hint')}</p>
        <ScannerPanel />
      </aside>

      <BasketDialogs
        open={open}
        order={order}
        change={change}
        changed={changed}
        onClose={closeDialog}
        onRecall={recall}
        priceError={priceError}
        setPriceError={setPriceError}
      />
      <ApprovalDialog approval={approval} />
    </div>
  );
}
