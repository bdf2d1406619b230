import { formatFenPlain } from '../../preload/contract';
import type { PrintDocument, PrintLine } from '../../native/printer/document';

/**
 * The one place receipts are laid out (PRODUCT.md §5). It produces a printable
 * document; native/printer turns that into ESC/POS bytes for the paper width.
 * Labels are Chinese first, English second, as printed on UnionPay slips.
 */
export interface ReceiptTerminal {
  merchantName: string;
  merchantNumber: string;
  terminalNumber: string;
  header: string;
  footer: string;
}

export interface CashReceiptTransaction {
  amountFen: number;
  tenderedFen: number;
  changeFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  createdAt: number;
  training: boolean;
  items: Array<{ name: string; quantity: number; unitPriceFen: number; amountFen: number }>;
  /** A void or refund gives the money back: 消费撤销 VOID / 退货 REFUND. */
  type?: 'sale' | 'void' | 'refund';
}

export const TRAINING_MARK = '*** 培训 TRAINING ***';
export const DUPLICATE_MARK = '*** 重打印 DUPLICATE ***';

/** 2026/11/24 17:30:05 in the terminal's local time. */
export function formatReceiptTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}

export function rmb(fen: number): string {
  return `RMB ${formatFenPlain(fen)}`;
}

export function textLines(text: string): PrintLine[] {
  return text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'text', text: t, align: 'center' }) as const);
}

export function markers(training: boolean, duplicate: boolean): PrintLine[] {
  const out: PrintLine[] = [];
  if (training) out.push({ kind: 'text', text: TRAINING_MARK, align: 'center', bold: true });
  if (duplicate) out.push({ kind: 'text', text: DUPLICATE_MARK, align: 'center', bold: true });
  return out;
}

const CASH_TYPE_LABEL = {
  sale: '消费 SALE',
  void: '消费撤销 VOID',
  refund: '退货 REFUND',
} as const;

export function buildCashReceipt(
  terminal: ReceiptTerminal,
  tx: CashReceiptTransaction,
  options: { duplicate: boolean; openDrawer: boolean; note?: string[] },
): PrintDocument {
  const lines: PrintLine[] = [
    { kind: 'text', text: terminal.merchantName, align: 'center', bold: true, size: 'double' },
    ...textLines(terminal.header),
    { kind: 'text', text: '收银小票 SALES RECEIPT', align: 'center' },
    ...markers(tx.training, options.duplicate),
    { kind: 'rule' },
    { kind: 'pair', left: '商户号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: tx.operatorNo },
    {
      kind: 'pair',
      left: '交易类型 TYPE',
      right: CASH_TYPE_LABEL[tx.type ?? 'sale'],
    },
    { kind: 'pair', left: '付款方式 TENDER', right: '现金 CASH' },
    { kind: 'pair', left: '批次号 BATCH NO.', right: tx.batchNo },
    { kind: 'pair', left: '凭证号 VOUCHER NO.', right: tx.traceNo },
    { kind: 'pair', left: '日期时间 DATE/TIME', right: formatReceiptTime(tx.createdAt) },
  ];
  if (tx.items.length > 0) {
    lines.push({ kind: 'rule' });
    for (const item of tx.items) {
      lines.push({ kind: 'text', text: item.name });
      lines.push({
        kind: 'pair',
        left: `  ${item.quantity} x ${formatFenPlain(item.unitPriceFen)}`,
        right: formatFenPlain(item.amountFen),
      });
    }
  }
  lines.push(
    { kind: 'rule' },
    { kind: 'pair', left: '金额 AMOUNT', right: rmb(tx.amountFen), bold: true },
    ...(tx.type === 'void' || tx.type === 'refund'
      ? []
      : ([
          { kind: 'pair', left: '实收 TENDERED', right: rmb(tx.tenderedFen) },
          { kind: 'pair', left: '找零 CHANGE', right: rmb(tx.changeFen) },
        ] satisfies PrintLine[])),
    ...(options.note?.length
      ? [
          { kind: 'text', text: '备注 REFERENCE' } satisfies PrintLine,
          ...options.note.map((text): PrintLine => ({ kind: 'text', text })),
        ]
      : []),
    { kind: 'rule' },
    ...markers(tx.training, options.duplicate),
    ...textLines(terminal.footer),
    { kind: 'feed', lines: 1 },
  );
  return { lines, cut: true, openDrawer: options.openDrawer };
}
