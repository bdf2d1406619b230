import { buildField61, type IsoMessage } from './iso8583';
import { buildField60 } from './iso8583/subfields';
import {
  CURRENCY_CNY,
  MSG_TYPE,
  NET_CODE,
  PROCESSING,
  amount12,
  message,
  type CardData,
  type TerminalIds,
} from './messages';

/**
 * 消费撤销 (0200, processing 200000, 60.1 = 23): the full amount of a sale of
 * the same batch, naming it by its reference (37), authorisation code (38)
 * and batch + voucher (61). The card comes from the sealed copy kept until
 * settlement; the supervisor's password at the counter authorises it, so no
 * PIN block is sent.
 */
export function voidRequest(req: {
  ids: TerminalIds;
  trace: string;
  card: CardData;
  amountFen: number;
  original: { batchNo: string; traceNo: string; rrn: string | null; authCode: string | null };
}): IsoMessage {
  return message('0200', [
    [2, req.card.pan],
    [3, PROCESSING.void],
    [4, amount12(req.amountFen)],
    [11, req.trace],
    [14, req.card.expiry],
    [22, req.card.entryMode.padStart(3, '0')],
    [25, '00'],
    [37, req.original.rrn ?? undefined],
    [38, req.original.authCode ?? undefined],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [49, CURRENCY_CNY],
    [
      60,
      buildField60({
        messageType: MSG_TYPE.void,
        batch: req.ids.batch,
        networkCode: NET_CODE.none,
      }),
    ],
    [
      61,
      buildField61({ originalBatch: req.original.batchNo, originalTrace: req.original.traceNo }),
    ],
    [64, Buffer.alloc(8)],
  ]);
}

/**
 * 退货 (0220, processing 200000, 60.1 = 25): part or all of a settled sale,
 * naming it by its reference (37) and, in 61, its batch, voucher and date
 * (MMDD). The card is read again at the counter; no PIN. A refund is not
 * reversed: with no answer it is "uncertain" and someone checks first.
 */
export function refundRequest(req: {
  ids: TerminalIds;
  trace: string;
  card: CardData;
  amountFen: number;
  original: { batchNo: string; traceNo: string; rrn: string; mmdd: string };
}): IsoMessage {
  return message('0220', [
    [2, req.card.pan],
    [3, PROCESSING.void],
    [4, amount12(req.amountFen)],
    [11, req.trace],
    [14, req.card.expiry],
    [22, req.card.entryMode.padStart(3, '0')],
    [25, '00'],
    [35, req.card.track2],
    [37, req.original.rrn],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [49, CURRENCY_CNY],
    [
      60,
      buildField60({
        messageType: MSG_TYPE.refund,
        batch: req.ids.batch,
        networkCode: NET_CODE.none,
      }),
    ],
    [
      61,
      buildField61({
        originalBatch: req.original.batchNo,
        originalTrace: req.original.traceNo,
        originalDate: req.original.mmdd,
      }),
    ],
    [64, Buffer.alloc(8)],
  ]);
}

/**
 * 预授权撤销 (0100, 200000, 60.1 = 11) and 预授权完成 (0200, 000000, 60.1 = 20),
 * both 25 = 06: the pre-auth is named by its authorisation code (38) and batch +
 * voucher (61). The card is read again at the counter; no PIN.
 */
export function preauthFollowUpRequest(req: {
  kind: 'cancel' | 'complete';
  ids: TerminalIds;
  trace: string;
  card: CardData;
  amountFen: number;
  original: { batchNo: string; traceNo: string; authCode: string };
}): IsoMessage {
  const cancel = req.kind === 'cancel';
  return message(cancel ? '0100' : '0200', [
    [2, req.card.pan],
    [3, cancel ? PROCESSING.void : PROCESSING.sale],
    [4, amount12(req.amountFen)],
    [11, req.trace],
    [14, req.card.expiry],
    [22, req.card.entryMode.padStart(3, '0')],
    [25, '06'], // the pre-auth family: hold, cancel and completion alike
    [35, req.card.track2],
    [38, req.original.authCode],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [49, CURRENCY_CNY],
    [
      60,
      buildField60({
        messageType: cancel ? MSG_TYPE.preauthCancel : MSG_TYPE.preauthComplete,
        batch: req.ids.batch,
        networkCode: NET_CODE.none,
      }),
    ],
    [
      61,
      buildField61({ originalBatch: req.original.batchNo, originalTrace: req.original.traceNo }),
    ],
    [64, Buffer.alloc(8)],
  ]);
}
