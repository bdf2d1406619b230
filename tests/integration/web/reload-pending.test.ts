/**
 * The page reloads (F5) while its card sale is already at the host and the
 * host is slow to answer. The request is not a wait at the PIN pad: it is not
 * cancelled, it finishes as it would have. Before the fix the new page saw
 * standby and nothing else; now it can ask `card:running` for the payment
 * still running (its amount, its phase) and learns its end from `card:ended`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { padShows } from '../cards/harness';
import { newRequestId, webTill, type WebClient, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

/** The next `event` frame the socket receives. */
function nextEvent(ws: WebSocket, event: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { event?: string; payload?: unknown };
      if (frame.event !== event) return;
      ws.off('message', onMessage);
      resolve(frame.payload);
    };
    ws.on('message', onMessage);
  });
}

const running = (c: WebClient) => c.call('card:running');

describe('web shell: a reload while the card sale is at the host', () => {
  it('the sale finishes; the new page sees it running, then its end', async () => {
    till = await webTill();
    const pad = till.core.internals.pinpad;
    if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
    const host = await till.core.internals.trainingHost;
    const page = await till.client();
    const requestId = newRequestId();
    void page.call('card:sale', { amountFen: 4200 }, requestId);
    await padShows(till.core, 'card');
    expect(await running(page)).toEqual({
      ok: true,
      value: { running: { kind: 'sale', amountFen: 4200, phase: 'insert-card' } },
    });
    pad.presentCard('approve');
    await padShows(till.core, 'pin');
    host!.faults.delayNext(1, 1500); // the host sign-in is behind us: this is the sale's
    for (const key of [...TRAINING_PIN, 'enter']) pad.pressKey(key as PinPadKey);
    await vi.waitFor(
      async () =>
        expect(await running(page)).toMatchObject({
          value: { running: { phase: 'waiting-host' } },
        }),
      { timeout: 5_000, interval: 20 },
    );

    page.close(); // F5: the page goes, a new one connects
    const reloaded = await till.client();
    const ended = nextEvent(reloaded.ws, 'card:ended');
    expect(await running(reloaded)).toEqual({
      ok: true,
      value: { running: { kind: 'sale', amountFen: 4200, phase: 'waiting-host' } },
    });
    expect(await ended).toEqual({
      kind: 'sale',
      amountFen: 4200,
      result: 'approved',
      responseCode: '00',
      error: null,
    });
    expect(await running(reloaded)).toEqual({ ok: true, value: { running: null } });
    expect(await reloaded.call('app:outcome', { requestId })).toMatchObject({
      ok: true,
      value: { state: 'done', result: { ok: true, value: { outcome: 'approved' } } },
    });
    expect(host!.ledger()).toHaveLength(1);
  });

  it('a sale cancelled at the pad ends as failed, with the reason', async () => {
    till = await webTill();
    const page = await till.client();
    const watcher = await till.client();
    const ended = nextEvent(watcher.ws, 'card:ended');
    const sale = page.call('card:sale', { amountFen: 300 });
    await padShows(till.core, 'card');
    page.close();
    expect(await ended).toEqual({
      kind: 'sale',
      amountFen: 300,
      result: 'failed',
      responseCode: null,
      error: { code: 'PINPAD_SCREEN_CLOSED' },
    });
    void sale;
    expect(await running(watcher)).toEqual({ ok: true, value: { running: null } });
  });
});
