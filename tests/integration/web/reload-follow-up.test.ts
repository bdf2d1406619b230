/**
 * The page reloads (F5) while a card refund or void it started is at a slow
 * host. The request is past the PIN pad, so the reload does not cancel it: it
 * finishes as it would have. The new page must learn that it is running — a
 * refund or a void, with its amount — and how it ended, or the cashier sees
 * standby and may do it again. Before, only the sale family was tracked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import type { PosCore } from '../../../main/core/pos-core';
import type { TransactionView } from '../../../preload/contract';
import { cashierIn, ok, signOff } from '../../support/core';
import { approvedSale, padShows, presentCard, SUPERVISOR } from '../cards/harness';
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

/** The supervisor's own password replaces the initial one; the cashier is back. */
async function supervisorReady(core: PosCore) {
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await signOff(core);
  await cashierIn(core);
}

const localDate = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** The page goes while `kind` waits at the host; a new page sees it running, then its end. */
async function reloadWhileAtHost(
  t: WebTill,
  page: WebClient,
  requestId: string,
  expected: { kind: string; amountFen: number },
) {
  await vi.waitFor(
    async () =>
      expect(await running(page)).toEqual({
        ok: true,
        value: { running: { ...expected, phase: 'waiting-host' } },
      }),
    { timeout: 5_000, interval: 20 },
  );
  page.close(); // F5: the page goes, a new one connects
  const reloaded = await t.client();
  const ended = nextEvent(reloaded.ws, 'card:ended');
  expect(await running(reloaded)).toEqual({
    ok: true,
    value: { running: { ...expected, phase: 'waiting-host' } },
  });
  expect(await ended).toEqual({
    ...expected,
    result: 'approved',
    responseCode: '00',
    error: null,
  });
  expect(await running(reloaded)).toEqual({ ok: true, value: { running: null } });
  expect(await reloaded.call('app:outcome', { requestId })).toMatchObject({
    ok: true,
    value: { state: 'done', result: { ok: true, value: { outcome: 'approved' } } },
  });
}

describe('web shell: a reload while a card follow-up is at the host', () => {
  it('a card refund finishes; the new page sees it running as a refund, then its end', async () => {
    till = await webTill();
    const { core } = till;
    await supervisorReady(core);
    const sale: TransactionView = (await approvedSale(core, 8_800)).transaction;
    await signOff(core);
    await ok(core, 'auth:signIn', SUPERVISOR);
    await ok(core, 'settlement:run');
    await signOff(core);
    await cashierIn(core);

    const page = await till.client();
    const requestId = newRequestId();
    void page.call(
      'refunds:card',
      {
        rrn: sale.card!.rrn,
        date: localDate(sale.createdAt),
        amountFen: 2_500,
        supervisor: SUPERVISOR,
      },
      requestId,
    );
    await padShows(core, 'card'); // the sign-in after settlement is behind us
    (await core.internals.trainingHost)!.faults.delayNext(1, 1_500);
    await presentCard(core, 'approve');
    await reloadWhileAtHost(till, page, requestId, { kind: 'refund', amountFen: 2_500 });
  });

  it('a card void finishes; the new page sees it running as a void, then its end', async () => {
    till = await webTill();
    const { core } = till;
    await supervisorReady(core);
    const sale = await approvedSale(core, 6_600);
    const page = await till.client();
    const requestId = newRequestId();
    (await core.internals.trainingHost)!.faults.delayNext(1, 1_500);
    void page.call(
      'voids:run',
      { traceNo: sale.transaction.traceNo, supervisor: SUPERVISOR },
      requestId,
    );
    await reloadWhileAtHost(till, page, requestId, { kind: 'void', amountFen: 6_600 });
  });
});
