/**
 * The screen that started a card sale goes away (F5, a crashed renderer, the
 * tab closed) while the PIN pad waits for the customer. Before the fix the pad
 * kept asking and the sale kept running, ended only by 取消 on the pad itself,
 * while the reloaded page showed standby. Now a wait still at the card or PIN
 * step ends as the pad's 取消 ends it, named PINPAD_SCREEN_CLOSED: the pad idle, the
 * quick order dropped, nothing sent to the host and nothing charged. A sale
 * already at the host is left to finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { padShows } from '../cards/harness';
import { newRequestId, webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

function padOf(t: WebTill) {
  const pad = t.core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
  return pad;
}

const count = (t: WebTill, sql: string) => t.core.internals.db.prepare(sql).pluck().get() as number;

/** What the training host was sent: financial requests (0200 sale) only. */
async function salesAtHost(t: WebTill) {
  const host = await t.core.internals.trainingHost;
  return host ? host.log().filter((e) => e.mti === '0200') : [];
}

/** The socket that asked closes while the pad shows `at`; what became of its sale. */
async function closeWhileAt(t: WebTill, at: 'card' | 'pin') {
  const page = await t.client();
  const requestId = newRequestId();
  void page.call('card:sale', { amountFen: 1000 }, requestId);
  await padShows(t.core, 'card');
  if (at === 'pin') {
    padOf(t).presentCard('approve');
    await padShows(t.core, 'pin');
    for (const key of TRAINING_PIN.slice(0, 3)) padOf(t).pressKey(key as PinPadKey);
  }
  page.close();
  await padShows(t.core, 'idle');
  const next = await t.client();
  return { requestId, next };
}

describe('web shell: the screen that started a card sale goes away', () => {
  it('while the pad waits for the card: cancelled as by 取消 (named as the screen gone), nothing sent or charged', async () => {
    till = await webTill();
    const { requestId, next } = await closeWhileAt(till, 'card');
    expect(await next.call('app:outcome', { requestId })).toEqual({
      ok: true,
      value: { state: 'done', result: { ok: false, error: { code: 'PINPAD_SCREEN_CLOSED' } } },
    });
    expect(count(till, 'SELECT count(*) FROM transactions')).toBe(0);
    expect(count(till, "SELECT count(*) FROM orders WHERE state = 'paid'")).toBe(0);
    expect(await salesAtHost(till)).toEqual([]);
    // The till is free for the next sale.
    const sale = next.call('card:sale', { amountFen: 500 });
    await padShows(till.core, 'card');
    padOf(till).pressKey('cancel');
    expect(await sale).toEqual({ ok: false, error: { code: 'PINPAD_CANCELLED' } });
  });

  it('while the pad waits for the PIN: the same', async () => {
    till = await webTill();
    const { requestId, next } = await closeWhileAt(till, 'pin');
    expect(padOf(till).state()).toEqual({ phase: 'idle' });
    expect(await next.call('app:outcome', { requestId })).toEqual({
      ok: true,
      value: { state: 'done', result: { ok: false, error: { code: 'PINPAD_SCREEN_CLOSED' } } },
    });
    expect(count(till, 'SELECT count(*) FROM transactions')).toBe(0);
    expect(await salesAtHost(till)).toEqual([]);
  });

  it('a socket of another screen closing leaves the wait alone', async () => {
    till = await webTill();
    const cashier = await till.client();
    const other = await till.client();
    const sale = cashier.call('card:sale', { amountFen: 700 });
    await padShows(till.core, 'card');
    other.close();
    await new Promise<void>((resolve) => other.ws.once('close', () => resolve()));
    expect(padOf(till).state()).toMatchObject({ phase: 'card', amountFen: 700 });
    padOf(till).presentCard('approve');
    await padShows(till.core, 'pin');
    for (const key of [...TRAINING_PIN, 'enter']) padOf(till).pressKey(key as PinPadKey);
    expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
  });

  /** A socket as the renderer's transport opens it: naming its page (preload/web-transport.ts). */
  async function pageSocket(t: WebTill, page: string) {
    const ws = new WebSocket(
      `ws://127.0.0.1:${t.shell.port}/api?token=${t.shell.token}&page=${page}`,
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return ws;
  }
  const saleFrame = (amountFen: number) =>
    JSON.stringify({
      id: 1,
      channel: 'card:sale',
      input: { amountFen },
      requestId: newRequestId(),
    });

  it('a page whose connection drops and comes back keeps its wait; one that unloads ends it', async () => {
    till = await webTill();
    const page = 'p'.repeat(8) + newRequestId().slice(0, 16);
    const first = await pageSocket(till, page);
    first.send(saleFrame(900));
    await padShows(till.core, 'card');
    first.terminate(); // a dropped connection (1006), not a page going away
    const again = await pageSocket(till, page);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(padOf(till).state()).toMatchObject({ phase: 'card', amountFen: 900 });
    again.close(1001); // the page unloads: its screen ends at once
    await padShows(till.core, 'idle', 1_000);
  });

  it('a page that went without a word (its renderer crashed) loses its wait after the grace', async () => {
    till = await webTill();
    const page = newRequestId();
    const ws = await pageSocket(till, page);
    ws.send(saleFrame(800));
    await padShows(till.core, 'card');
    ws.terminate();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(padOf(till).state()).toMatchObject({ phase: 'card' });
    await padShows(till.core, 'idle', 5_000);
  });
});
