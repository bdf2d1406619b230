import { formatFenPlain } from '../../preload/contract';
import type { PrintDocument, PrintLine } from '../../native/printer/document';
import type { Discount } from './order/pricing';
import { WALLET_LABEL } from './qr-receipt';
import { formatReceiptTime, markers, rmb, textLines, type ReceiptTerminal } from './receipt';

/**
 * The order receipt (收银小票, PRODUCT.md §12): the customer's one receipt for
 * the whole basket — lines with quantity or weight, unit price and amount,
 * discounts, the total, each payment with its change — and the order number
 * as a bar code for returns. Card payments keep their own slips (merchant and
 * cardholder copies, with the voucher number); here a card shows only masked
 * and with its authorisation code, so a voucher never appears on two receipts.
 * Cash and QR payments, which have no slip of their own, show batch and voucher
 * (a cash refund finds its original by them).
 */
export interface OrderReceiptLine {
  name: string;
  spec: string;
  unit: string;
  quantity: number;
  weightG: number | null;
  unitPriceFen: number;
  listPriceFen: number;
  fixedAmountFen: number | null;
  discount: Discount | null;
  grossFen: number;
  lineDiscountFen: number;
  netFen: number;
}

export interface OrderReceiptPayment {
  tender: 'cash' | 'card' | 'qr';
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  batchNo: string;
  traceNo: string;
  panMasked: string | null;
  authCode: string | null;
  wallet: 'wechat' | 'alipay' | 'unionpay' | null;
  gatewayOrderNo: string | null;
}

export interface OrderReceipt {
  orderNo: string;
  operatorNo: string;
  training: boolean;
  /** When the order was paid (or rung up, for an unpaid one). */
  at: number;
  lines: OrderReceiptLine[];
  totals: {
    grossFen: number;
    lineDiscountFen: number;
    orderDiscountFen: number;
    roundingFen: number;
    totalFen: number;
    itemCount: number;
  };
  /** Approved payments only, oldest first. */
  payments: OrderReceiptPayment[];
}

/** The facts of a payment the receipt needs (a TransactionRecord has them). */
export interface PaymentFacts {
  state: string;
  tender: 'cash' | 'card' | 'qr';
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  batchNo: string;
  traceNo: string;
  card: { panMasked: string; authCode: string | null } | null;
  qr: { wallet: 'wechat' | 'alipay' | 'unionpay'; orderNo: string } | null;
}

/** What the receipt prints of an order: its lines as sold and the payments that took money. */
export function orderReceiptOf(
  order: {
    orderNo: string;
    operatorNo: string;
    training: boolean;
    paidAt: number | null;
    updatedAt: number;
    lines: OrderReceiptLine[];
    totals: OrderReceipt['totals'];
  },
  payments: PaymentFacts[],
): OrderReceipt {
  return {
    orderNo: order.orderNo,
    operatorNo: order.operatorNo,
    training: order.training,
    at: order.paidAt ?? order.updatedAt,
    lines: order.lines,
    totals: order.totals,
    // Approved, or approved and given back later: the receipt shows what was paid.
    payments: payments
      .filter((p) => p.state === 'approved' || p.state === 'voided' || p.state === 'refunded')
      .map((p) => ({
        tender: p.tender,
        amountFen: p.amountFen,
        tenderedFen: p.tenderedFen,
        changeFen: p.changeFen,
        batchNo: p.batchNo,
        traceNo: p.traceNo,
        panMasked: p.card?.panMasked ?? null,
        authCode: p.card?.authCode ?? null,
        wallet: p.qr?.wallet ?? null,
        gatewayOrderNo: p.qr?.orderNo ?? null,
      })),
  };
}

/** 0.532kg: grams as kilograms with three decimals, in integers. */
export function formatKg(weightG: number): string {
  return `${Math.trunc(weightG / 1000)}.${String(weightG % 1000).padStart(3, '0')}kg`;
}

/** −10% / −2.00 as printed beside a discount. */
export function discountLabel(d: Discount): string {
  if (d.kind === 'amount') return `-${formatFenPlain(d.value)}`;
  const whole = Math.trunc(d.value / 100);
  const frac = d.value % 100;
  return `-${whole}${frac ? `.${String(frac).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}

function itemLines(line: OrderReceiptLine): PrintLine[] {
  const name =
    line.spec && !line.name.includes(line.spec) ? `${line.name} ${line.spec}` : line.name;
  // A scale label's amount is what is paid; its weight, when the label has one, is shown.
  const qty =
    line.weightG !== null
      ? `${formatKg(line.weightG)} x ${formatFenPlain(line.unitPriceFen)}/kg`
      : line.fixedAmountFen !== null
        ? `称重 SCALE ${formatFenPlain(line.fixedAmountFen)}`
        : `${line.quantity} x ${formatFenPlain(line.unitPriceFen)}`;
  const out: PrintLine[] = [
    { kind: 'text', text: name },
    { kind: 'pair', left: `  ${qty}`, right: formatFenPlain(line.grossFen) },
  ];
  if (line.unitPriceFen !== line.listPriceFen)
    out.push({
      kind: 'text',
      text: `  改价 PRICE ${formatFenPlain(line.listPriceFen)} -> ${formatFenPlain(line.unitPriceFen)}`,
    });
  if (line.discount && line.lineDiscountFen > 0)
    out.push({
      kind: 'pair',
      left: `  折扣 DISCOUNT ${discountLabel(line.discount)}`,
      right: `-${formatFenPlain(line.lineDiscountFen)}`,
    });
  return out;
}

function paymentLines(p: OrderReceiptPayment): PrintLine[] {
  switch (p.tender) {
    case 'cash':
      return [
        { kind: 'pair', left: '现金 CASH', right: rmb(p.tenderedFen ?? p.amountFen) },
        ...(p.changeFen
          ? [{ kind: 'pair', left: '找零 CHANGE', right: rmb(p.changeFen) } satisfies PrintLine]
          : []),
        { kind: 'pair', left: '  批次号/凭证号 BATCH/VOUCHER', right: `${p.batchNo}/${p.traceNo}` },
      ];
    case 'card':
      return [
        { kind: 'pair', left: '银行卡 CARD', right: rmb(p.amountFen) },
        { kind: 'pair', left: `  ${p.panMasked ?? ''}`, right: `授权码 AUTH ${p.authCode ?? ''}` },
      ];
    case 'qr':
      return [
        {
          kind: 'pair',
          left: p.wallet ? WALLET_LABEL[p.wallet] : '扫码 QR',
          right: rmb(p.amountFen),
        },
        { kind: 'pair', left: '  批次号/凭证号 BATCH/VOUCHER', right: `${p.batchNo}/${p.traceNo}` },
        ...(p.gatewayOrderNo
          ? [{ kind: 'text', text: `  订单号 ORDER ${p.gatewayOrderNo}` } satisfies PrintLine]
          : []),
      ];
  }
}

export function buildOrderReceipt(
  terminal: ReceiptTerminal,
  order: OrderReceipt,
  options: { duplicate: boolean; openDrawer: boolean },
): PrintDocument {
  const t = order.totals;
  const lines: PrintLine[] = [
    { kind: 'text', text: terminal.merchantName, align: 'center', bold: true, size: 'double' },
    ...textLines(terminal.header),
    { kind: 'text', text: '收银小票 SALES RECEIPT', align: 'center' },
    ...markers(order.training, options.duplicate),
    { kind: 'rule' },
    { kind: 'pair', left: '单号 ORDER NO.', right: order.orderNo },
    { kind: 'pair', left: '商户号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: order.operatorNo },
    { kind: 'pair', left: '日期时间 DATE/TIME', right: formatReceiptTime(order.at) },
    { kind: 'rule' },
    ...order.lines.flatMap(itemLines),
    { kind: 'rule' },
    { kind: 'pair', left: '件数 ITEMS', right: String(t.itemCount) },
    { kind: 'pair', left: '商品金额 GROSS', right: rmb(t.grossFen) },
  ];
  if (t.lineDiscountFen > 0)
    lines.push({ kind: 'pair', left: '单品折扣 ITEM DISCOUNTS', right: rmb(-t.lineDiscountFen) });
  if (t.orderDiscountFen > 0)
    lines.push({ kind: 'pair', left: '整单折扣 ORDER DISCOUNT', right: rmb(-t.orderDiscountFen) });
  if (t.roundingFen > 0)
    lines.push({ kind: 'pair', left: '抹零 ROUNDING', right: rmb(-t.roundingFen) });
  lines.push(
    { kind: 'pair', left: '应付 TOTAL', right: rmb(t.totalFen), bold: true },
    { kind: 'rule' },
    ...order.payments.flatMap(paymentLines),
  );
  const paid = order.payments.reduce((s, p) => s + p.amountFen, 0);
  if (order.payments.length > 1 || paid !== t.totalFen)
    lines.push({ kind: 'pair', left: '已付 PAID', right: rmb(paid), bold: true });
  lines.push(
    { kind: 'rule' },
    ...markers(order.training, options.duplicate),
    ...textLines(terminal.footer),
    { kind: 'barcode', data: order.orderNo },
    { kind: 'feed', lines: 1 },
  );
  return { lines, cut: true, openDrawer: options.openDrawer };
}
