import { buildSettlementTotals, type IsoMessage, type SettlementTotals } from './iso8583';
import { buildField60 } from './iso8583/subfields';
import { CURRENCY_CNY, NET_CODE, amount12, message, type TerminalIds } from './messages';

/**
 * 结算 (0500) and 批上送 (0320) of HOST-PROTOCOL.md part A. Both carry a MAC;
 * field 60 names the batch being settled, which must be the one the terminal
 * signed in with (else 77).
 */
export function settlementRequest(req: {
  ids: TerminalIds;
  trace: string;
  operatorNo: string;
  totals: SettlementTotals;
}): IsoMessage {
  return message('0500', [
    [11, req.trace],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [48, buildSettlementTotals(req.totals)],
    [49, CURRENCY_CNY],
    [
      60,
      buildField60({ messageType: '00', batch: req.ids.batch, networkCode: NET_CODE.settlement }),
    ],
    [63, req.operatorNo.padEnd(3, ' ')],
    [64, Buffer.alloc(8)],
  ]);
}

/**
 * One transaction of an unbalanced batch (60.3 = 201): its card number (from
 * the sealed copy kept until the batch is settled), processing code, amount,
 * and in 48 the original voucher, message type and authorisation code.
 */
export function batchUploadRequest(req: {
  ids: TerminalIds;
  trace: string;
  pan: string;
  processingCode: string;
  amountFen: number;
  originalTrace: string;
  messageTypeCode: string;
  authCode: string | null;
}): IsoMessage {
  return message('0320', [
    [2, req.pan],
    [3, req.processingCode],
    [4, amount12(req.amountFen)],
    [11, req.trace],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [48, `${req.messageTypeCode}${req.originalTrace}${(req.authCode ?? '').padEnd(6, ' ')}`],
    [
      60,
      buildField60({ messageType: '00', batch: req.ids.batch, networkCode: NET_CODE.settlement }),
    ],
    [64, Buffer.alloc(8)],
  ]);
}

/** The end of a batch upload (60.3 = 202). */
export function batchUploadEndRequest(req: { ids: TerminalIds; trace: string }): IsoMessage {
  return message('0320', [
    [11, req.trace],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [
      60,
      buildField60({
        messageType: '00',
        batch: req.ids.batch,
        networkCode: NET_CODE.batchUploadEnd,
      }),
    ],
    [64, Buffer.alloc(8)],
  ]);
}
