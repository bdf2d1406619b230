import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { formatReceiptTime, markers, rmb, textLines, type ReceiptTerminal } from './receipt';

/**
 * 签购单 for bank cards (PRODUCT.md §5): a merchant copy (商户存根) with the
 * signature line and a cardholder copy (持卡人存根). The card number is never
 * printed beyond first 6 / last 4.
 */
export interface CardReceiptTransaction {
  type: 'sale' | 'void' | 'refund' | 'preauth' | 'preauth_cancel' | 'preauth_complete';
  amountFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  createdAt: number;
  training: boolean;
  card: {
    panMasked: string;
    entryMode: string;
    authCode: string | null;
    rrn: string | null;
    issuer: string | null;
    reversalReason?: string | null;
  } | null;
}

const TYPE_LABEL: Record<CardReceiptTransaction['type'], string> = {
  sale: '消费 SALE',
  void: '消费撤销 VOID',
  refund: '退货 REFUND',
  preauth: '预授权 AUTH',
  preauth_cancel: '预授权撤销 AUTH CANCEL',
  preauth_complete: '预授权完成 AUTH COMPLETE',
};

const ENTRY_LABEL: Record<string, string> = { '021': 'S', '051': 'I', '071': 'C', '012': 'M' };

export const CONSENT_LINE =
  '本人确认以上交易，同意将其记入本卡账户 I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES';

export function buildCardReceipt(
  terminal: ReceiptTerminal,
  tx: CardReceiptTransaction,
  options: { copy: 'merchant' | 'cardholder'; duplicate: boolean; note?: string[] },
): PrintDocument {
  const card = tx.card;
  const copyLabel =
    options.copy === 'merchant' ? '商户存根 MERCHANT COPY' : '持卡人存根 CARDHOLDER COPY';
  const lines: PrintLine[] = [
    { kind: 'text', text: '银联POS签购单', align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: copyLabel, align: 'center' },
    ...markers(tx.training, options.duplicate),
    { kind: 'rule' },
    { kind: 'text', text: '商户名称 MERCHANT NAME' },
    { kind: 'text', text: terminal.merchantName, bold: true },
    { kind: 'pair', left: '商户编号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: tx.operatorNo },
    { kind: 'rule' },
    { kind: 'text', text: '卡号 CARD NO.' },
    {
      kind: 'text',
      text: `${card?.panMasked ?? ''} ${ENTRY_LABEL[card?.entryMode ?? ''] ?? ''}`.trim(),
      bold: true,
    },
  ];
  if (card?.issuer) lines.push({ kind: 'pair', left: '发卡行 ISSUER', right: card.issuer });
  lines.push(
    { kind: 'pair', left: '交易类型 TRANS TYPE', right: TYPE_LABEL[tx.type], bold: true },
    { kind: 'pair', left: '批次号 BATCH NO.', right: tx.batchNo },
    { kind: 'pair', left: '凭证号 VOUCHER NO.', right: tx.traceNo },
    { kind: 'pair', left: '授权码 AUTH NO.', right: card?.authCode ?? '' },
    { kind: 'pair', left: '参考号 REFER NO.', right: card?.rrn ?? '' },
    { kind: 'pair', left: '日期时间 DATE/TIME', right: formatReceiptTime(tx.createdAt) },
    { kind: 'rule' },
    { kind: 'pair', left: '金额 AMOUNT', right: rmb(tx.amountFen), bold: true },
    { kind: 'rule' },
    { kind: 'text', text: '备注 REFERENCE' },
    ...(options.note ?? []).map((text): PrintLine => ({ kind: 'text', text })),
    ...markers(tx.training, options.duplicate),
  );
  if (options.copy === 'merchant') {
    lines.push(
      { kind: 'feed', lines: 1 },
      { kind: 'text', text: '持卡人签名 CARDHOLDER SIGNATURE' },
      { kind: 'feed', lines: 2 },
      { kind: 'rule' },
    );
  }
  lines.push({ kind: 'text', text: CONSENT_LINE }, ...textLines(terminal.footer), {
    kind: 'feed',
    lines: 1,
  });
  return { lines, cut: true };
}

/** Printed when a reversal still fails after every retry: a person must sort it out. */
export function buildFaultSlip(
  terminal: ReceiptTerminal,
  tx: CardReceiptTransaction,
  now: number,
): PrintDocument {
  return {
    lines: [
      { kind: 'text', text: '冲正不成功,请人工处理', align: 'center', bold: true, size: 'double' },
      { kind: 'text', text: 'REVERSAL FAILED - HANDLE MANUALLY', align: 'center', bold: true },
      ...markers(tx.training, false),
      { kind: 'rule' },
      { kind: 'pair', left: '商户编号 MERCHANT NO.', right: terminal.merchantNumber },
      { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
      { kind: 'pair', left: '卡号 CARD NO.', right: tx.card?.panMasked ?? '' },
      { kind: 'pair', left: '交易类型 TRANS TYPE', right: TYPE_LABEL[tx.type] },
      { kind: 'pair', left: '批次号 BATCH NO.', right: tx.batchNo },
      { kind: 'pair', left: '凭证号 VOUCHER NO.', right: tx.traceNo },
      { kind: 'pair', left: '冲正原因 REASON', right: tx.card?.reversalReason ?? '98' },
      { kind: 'pair', left: '金额 AMOUNT', right: rmb(tx.amountFen), bold: true },
      { kind: 'pair', left: '交易时间 TRANS TIME', right: formatReceiptTime(tx.createdAt) },
      { kind: 'pair', left: '打印时间 PRINTED', right: formatReceiptTime(now) },
      { kind: 'rule' },
      { kind: 'text', text: '请联系收单机构核实此笔交易是否扣款。' },
      { kind: 'text', text: 'Ask the acquirer whether the card was charged.' },
      { kind: 'feed', lines: 1 },
    ],
    cut: true,
  };
}
