import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { formatReceiptTime, markers, rmb, textLines, type ReceiptTerminal } from './receipt';

/**
 * 付款码 receipts: a merchant copy (商户存根) and a customer copy (顾客存根)
 * with the wallet, the single-use order number and the gateway's transaction
 * number, the payer as the gateway masked it (if given) and the payment code
 * masked to first 4 / last 4. A refund prints the same with 退货 REFUND and
 * the order it gives money back from.
 */
export interface QrReceiptTransaction {
  type: 'sale' | 'refund';
  amountFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  createdAt: number;
  training: boolean;
  qr: {
    wallet: 'wechat' | 'alipay' | 'unionpay';
    orderNo: string;
    originalOrderNo: string | null;
    codeMasked: string | null;
    payerMasked: string | null;
    gatewayTxId: string | null;
  };
}

export const WALLET_LABEL: Record<QrReceiptTransaction['qr']['wallet'], string> = {
  wechat: '微信支付 WECHAT PAY',
  alipay: '支付宝 ALIPAY',
  unionpay: '银联二维码 UNIONPAY QR',
};

export function buildQrReceipt(
  terminal: ReceiptTerminal,
  tx: QrReceiptTransaction,
  options: { copy: 'merchant' | 'customer'; duplicate: boolean },
): PrintDocument {
  const { qr } = tx;
  const lines: PrintLine[] = [
    { kind: 'text', text: '扫码付款凭证', align: 'center', bold: true, size: 'double' },
    {
      kind: 'text',
      text: options.copy === 'merchant' ? '商户存根 MERCHANT COPY' : '顾客存根 CUSTOMER COPY',
      align: 'center',
    },
    ...markers(tx.training, options.duplicate),
    { kind: 'rule' },
    { kind: 'text', text: '商户名称 MERCHANT NAME' },
    { kind: 'text', text: terminal.merchantName, bold: true },
    { kind: 'pair', left: '商户编号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: tx.operatorNo },
    { kind: 'rule' },
    { kind: 'pair', left: '支付方式 WALLET', right: WALLET_LABEL[qr.wallet], bold: true },
    {
      kind: 'pair',
      left: '交易类型 TRANS TYPE',
      right: tx.type === 'refund' ? '退货 REFUND' : '消费 SALE',
      bold: true,
    },
    { kind: 'text', text: tx.type === 'refund' ? '退款单号 REFUND NO.' : '订单号 ORDER NO.' },
    { kind: 'text', text: qr.orderNo },
  ];
  if (tx.type === 'refund' && qr.originalOrderNo) {
    lines.push(
      { kind: 'text', text: '原订单号 ORIGINAL ORDER NO.' },
      { kind: 'text', text: qr.originalOrderNo },
    );
  }
  if (qr.gatewayTxId) {
    lines.push(
      { kind: 'text', text: '支付流水号 TRANSACTION ID' },
      { kind: 'text', text: qr.gatewayTxId },
    );
  }
  if (qr.codeMasked)
    lines.push({ kind: 'pair', left: '付款码 PAYMENT CODE', right: qr.codeMasked });
  if (qr.payerMasked) lines.push({ kind: 'pair', left: '付款人 PAYER', right: qr.payerMasked });
  lines.push(
    { kind: 'pair', left: '批次号 BATCH NO.', right: tx.batchNo },
    { kind: 'pair', left: '凭证号 VOUCHER NO.', right: tx.traceNo },
    { kind: 'pair', left: '日期时间 DATE/TIME', right: formatReceiptTime(tx.createdAt) },
    { kind: 'rule' },
    { kind: 'pair', left: '金额 AMOUNT', right: rmb(tx.amountFen), bold: true },
    { kind: 'rule' },
    ...markers(tx.training, options.duplicate),
    ...textLines(terminal.footer),
    { kind: 'feed', lines: 1 },
  );
  return { lines, cut: true };
}

/** Printed when the gateway refuses to cancel an order: a person must check it. */
export function buildQrFaultSlip(
  terminal: ReceiptTerminal,
  tx: QrReceiptTransaction,
  now: number,
  gatewayCode: string | null,
): PrintDocument {
  return {
    lines: [
      { kind: 'text', text: '撤单失败,请人工处理', align: 'center', bold: true, size: 'double' },
      { kind: 'text', text: 'QR CANCEL FAILED - CHECK MANUALLY', align: 'center' },
      ...markers(tx.training, false),
      { kind: 'rule' },
      { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
      { kind: 'pair', left: '支付方式 WALLET', right: WALLET_LABEL[tx.qr.wallet] },
      { kind: 'text', text: '订单号 ORDER NO.' },
      { kind: 'text', text: tx.qr.orderNo },
      { kind: 'pair', left: '凭证号 VOUCHER NO.', right: tx.traceNo },
      { kind: 'pair', left: '金额 AMOUNT', right: rmb(tx.amountFen), bold: true },
      { kind: 'pair', left: '网关应答 GATEWAY CODE', right: gatewayCode ?? '-' },
      { kind: 'pair', left: '打印时间 PRINTED', right: formatReceiptTime(now) },
      { kind: 'feed', lines: 2 },
    ],
    cut: true,
  };
}
