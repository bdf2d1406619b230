import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { formatReceiptTime, markers, rmb, textLines, type ReceiptTerminal } from './receipt';

/**
 * The return slip (退货单, PRODUCT.md §12): what came back (each line with its
 * quantity and the money it gives back) and where the money went (each
 * refund step: card void or 退货 with the masked card, QR refund, cash out),
 * with the supervisor who approved it and the customer's signature line.
 * Printed through the print service, 58 or 80 mm like every receipt.
 */
export interface ReturnSlip {
  returnNo: string;
  /** null: a return without the original (then `reason` says why). */
  orderNo: string | null;
  reason: string | null;
  operatorNo: string;
  supervisorNo: string;
  training: boolean;
  at: number;
  lines: Array<{ name: string; quantity: number; amountFen: number }>;
  totalFen: number;
  refunds: Array<{
    tender: 'card' | 'qr' | 'cash';
    kind: 'void' | 'refund' | 'cash';
    amountFen: number;
    done: boolean;
    panMasked: string | null;
    voucher: string | null;
  }>;
}

const REFUND_LABEL: Record<ReturnSlip['refunds'][number]['kind'], Record<string, string>> = {
  void: { card: '银行卡撤销 CARD VOID' },
  refund: { card: '银行卡退货 CARD REFUND', qr: '扫码退款 QR REFUND' },
  cash: { cash: '现金退款 CASH OUT' },
};

function refundLines(r: ReturnSlip['refunds'][number]): PrintLine[] {
  const label = REFUND_LABEL[r.kind][r.tender] ?? r.kind;
  const out: PrintLine[] = [
    { kind: 'pair', left: label, right: r.done ? rmb(r.amountFen) : `(${rmb(r.amountFen)})` },
  ];
  // One fact a line: a masked card and a voucher together overflow 58 mm paper.
  if (r.panMasked) out.push({ kind: 'text', text: `  ${r.panMasked}` });
  if (r.voucher) out.push({ kind: 'text', text: `  凭证号 VOUCHER ${r.voucher}` });
  if (!r.done) out.push({ kind: 'text', text: '  未完成 NOT DONE' });
  return out;
}

export function buildReturnSlip(terminal: ReceiptTerminal, slip: ReturnSlip): PrintDocument {
  const lines: PrintLine[] = [
    { kind: 'text', text: terminal.merchantName, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: '退货单 RETURN SLIP', align: 'center', bold: true },
    ...markers(slip.training, false),
    { kind: 'rule' },
    { kind: 'pair', left: '退货单号 RETURN NO.', right: slip.returnNo },
    slip.orderNo
      ? { kind: 'pair', left: '原单号 ORIGINAL ORDER', right: slip.orderNo }
      : { kind: 'text', text: '无原单退货 NO ORIGINAL' },
    { kind: 'pair', left: '商户号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端号 TERMINAL NO.', right: terminal.terminalNumber },
    { kind: 'pair', left: '操作员号 OPERATOR', right: slip.operatorNo },
    { kind: 'pair', left: '主管 SUPERVISOR', right: slip.supervisorNo },
    { kind: 'pair', left: '日期时间 DATE/TIME', right: formatReceiptTime(slip.at) },
  ];
  if (slip.reason) lines.push({ kind: 'text', text: `原因 REASON: ${slip.reason}` });
  lines.push(
    { kind: 'rule' },
    ...slip.lines.flatMap((l): PrintLine[] => [
      { kind: 'text', text: l.name },
      { kind: 'pair', left: `  x ${l.quantity}`, right: rmb(-l.amountFen) },
    ]),
    { kind: 'rule' },
    { kind: 'pair', left: '退款合计 REFUND TOTAL', right: rmb(slip.totalFen), bold: true },
    ...slip.refunds.flatMap(refundLines),
    { kind: 'rule' },
    { kind: 'text', text: '顾客签名 CUSTOMER SIGNATURE' },
    { kind: 'feed', lines: 2 },
    { kind: 'rule' },
    ...markers(slip.training, false),
    ...textLines(terminal.footer),
    { kind: 'barcode', data: slip.returnNo },
    { kind: 'feed', lines: 1 },
  );
  return {
    lines,
    cut: true,
    openDrawer: slip.refunds.some((r) => r.tender === 'cash' && r.done),
  };
}
