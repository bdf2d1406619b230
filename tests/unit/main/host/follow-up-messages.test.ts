import { describe, expect, it } from 'vitest';
import { preauthFollowUpRequest } from '../../../../main/host/follow-up-messages';
import { text } from '../../../../main/host/messages';

const IDS = { terminal: '12345678', merchant: '123456789012345', batch: '000007' };
const CARD = {
  pan: '6222021234567890003',
  expiry: '3012',
  entryMode: '051',
  track2: '6222021234567890003=30121010000000000',
};
const follow = (kind: 'cancel' | 'complete') =>
  preauthFollowUpRequest({
    kind,
    ids: IDS,
    trace: '000127',
    card: CARD,
    amountFen: 9_000,
    original: { batchNo: '000007', traceNo: '000125', authCode: 'P12345' },
  });

describe('pre-auth follow-ups on the wire (HOST-PROTOCOL.md)', () => {
  it('sends condition code 25 = 06 for the cancel as for the completion (the pre-auth family)', () => {
    const cancel = follow('cancel');
    expect([cancel.mti, text(cancel, 3), text(cancel, 25)]).toEqual(['0100', '200000', '06']);
    const complete = follow('complete');
    expect([complete.mti, text(complete, 3), text(complete, 25)]).toEqual(['0200', '000000', '06']);
  });
});
