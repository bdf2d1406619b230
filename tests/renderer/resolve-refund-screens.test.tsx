import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderUndoView, Result, ReturnRun } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { createI18n } from '../../renderer/src/i18n';
import { TransactionDetail } from '../../renderer/src/screens/history/TransactionDetail';
import { UndoProgress } from '../../renderer/src/screens/sale/UndoProgress';
import { ReturnResult } from '../../renderer/src/screens/returns/ReturnResult';
import {
  SUPERVISOR,
  approvedSale,
  cardTill,
  padShows,
  rows,
  supervisorReady,
  type CardTill,
} from '../integration/cards/harness';
import { PRODUCTS, call, scanned, stockCatalogue } from '../integration/checkout/harness';
import { cardPart } from '../integration/checkout/split-harness';
import { cashierIn, ok, signOff } from '../support/core';
import { installPos } from './in-process-pos';

/**
 * The supervisor settles an uncertain card refund (issue 15 leftover) on the
 * screens that show one: the transaction detail, the abandon progress and the
 * return result, on a real core and the training host.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function show(ui: ReactNode, language: 'zh-CN' | 'en' = 'zh-CN') {
  installPos(till!.core);
  const i18n = await createI18n(language);
  render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}

async function settle(core: PosCore) {
  await signOff(core);
  await call(core, 'auth:signIn', SUPERVISOR);
  await call(core, 'settlement:run');
  await signOff(core);
  await cashierIn(core);
}

async function presentCard(core: PosCore) {
  await padShows(core, 'card');
  await ok(core, 'pinpad:presentCard', { cardId: 'approve' });
}

/** A partly paid order (¥6.00 by card), settled, abandoned; its card refund gets no valid answer. */
async function uncertainAbandon(fault: 'delay' | 'silent') {
  till = await cardTill();
  stockCatalogue(till.core);
  await supervisorReady(till);
  await scanned(till.core, PRODUCTS.chips.barcode, 2);
  const order = await scanned(till.core, PRODUCTS.cola.barcode, 3);
  await cardPart(till.core, order.id, 600);
  await settle(till.core);
  await call(till.core, 'order:abandon', { orderId: order.id, supervisor: SUPERVISOR });
  const host = await till.host();
  if (fault === 'delay') host.faults.delayNext(1, 2500);
  else host.faults.silentNext(1);
  const undoing = till.core.dispatch('order:undoNext', { orderId: order.id }) as Promise<
    Result<OrderUndoView>
  >;
  await presentCard(till.core);
  const r = await undoing;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const [step] = r.value.steps;
  expect([step?.state, step?.resolvable]).toEqual(['waiting', true]);
  return { undo: r.value, refundId: step!.waitingTxId! };
}

const refundStates = () =>
  rows<{ state: string }>(
    till!.core,
    "SELECT state FROM transactions WHERE type = 'refund' ORDER BY id",
  ).map((r) => r.state);

describe('settling an uncertain card refund on screen', () => {
  it('transaction detail: a verdict is required, a wrong password refused, then 银行已退款 records it', async () => {
    const { refundId } = await uncertainAbandon('delay');
    await show(<TransactionDetail id={refundId} onBack={() => undefined} />);
    const user = userEvent.setup();
    expect((await screen.findByTestId('detail-state')).textContent).toBe('结果未定');
    const form = screen.getByTestId('resolve-form');
    expect(form.textContent).toContain('银行已退款');
    expect(form.textContent).toContain('银行未退款');

    // Enter in the password with no verdict chosen: nothing is sent.
    await user.type(
      screen.getByTestId('resolve-supervisor-password'),
      `${SUPERVISOR.password}{Enter}`,
    );
    expect((await screen.findByTestId('resolve-choose')).textContent).toBe(
      '请先选择银行是否已退款。',
    );
    expect(refundStates()).toEqual(['uncertain']);

    await user.click(screen.getByTestId('resolve-went'));
    await user.type(screen.getByTestId('resolve-supervisor-password'), '999999');
    await user.click(screen.getByTestId('resolve-submit'));
    expect((await screen.findByTestId('resolve-error')).dataset.code).toBe('WRONG_PASSWORD');
    expect(refundStates()).toEqual(['uncertain']);

    await user.type(screen.getByTestId('resolve-note'), '电话核实');
    await user.type(screen.getByTestId('resolve-supervisor-password'), SUPERVISOR.password);
    await user.click(screen.getByTestId('resolve-submit'));
    const done = await screen.findByTestId('resolve-done');
    expect(done.dataset.state).toBe('approved');
    expect(done.textContent).toBe('已记为退款成功（主管核实）。');
    await waitFor(() => expect(screen.getByTestId('detail-state').textContent).toBe('成功'));
    expect(screen.queryByTestId('resolve-form')).toBeNull();
    expect(refundStates()).toEqual(['approved']);
  });

  it("a sale's own 退货 left uncertain: settled on the sale's detail, the amount refundable again", async () => {
    till = await cardTill();
    await supervisorReady(till);
    const sale = await approvedSale(till.core, 3_000);
    await settle(till.core);
    await show(<TransactionDetail id={sale.transaction.id} onBack={() => undefined} />);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('refund-amount'), '1000');
    await user.type(screen.getByTestId('supervisor-password'), SUPERVISOR.password);
    (await till.host()).faults.silentNext(1);
    await user.click(screen.getByTestId('refund-submit'));
    await presentCard(till.core);
    await waitFor(
      () => expect(screen.getByTestId('refund-result').dataset.outcome).toBe('uncertain'),
      { timeout: 10_000 },
    );
    expect(screen.getByTestId('refundable').textContent).toBe('¥20.00');
    const [refundId] = rows<{ id: number }>(
      till.core,
      "SELECT id FROM transactions WHERE type = 'refund'",
    ).map((r) => r.id);
    await screen.findByTestId(`refund-${refundId}-resolve-form`);

    await user.click(screen.getByTestId(`refund-${refundId}-resolve-not`));
    await user.type(
      screen.getByTestId(`refund-${refundId}-resolve-supervisor-password`),
      `${SUPERVISOR.password}{Enter}`,
    );
    expect((await screen.findByTestId('resolve-done')).dataset.state).toBe('declined');
    await waitFor(() => expect(screen.getByTestId('refundable').textContent).toBe('¥30.00'));
    expect(screen.queryByTestId(`refund-${refundId}-resolve-form`)).toBeNull();
    expect(refundStates()).toEqual(['declined']);
  });

  it('abandon progress: 银行未退款, then Continue sends one new refund and the order is cancelled', async () => {
    const { undo } = await uncertainAbandon('silent');
    await show(<UndoProgress start={undo} onDone={() => undefined} />, 'en');
    const user = userEvent.setup();
    const form = await screen.findByTestId('undo-resolve-form');
    expect(form.textContent).toContain('Did not go through');
    expect(screen.getByTestId('undo-step').dataset.state).toBe('waiting');

    await user.click(screen.getByTestId('undo-resolve-not'));
    await user.type(
      screen.getByTestId('undo-resolve-supervisor-password'),
      `${SUPERVISOR.password}{Enter}`,
    );
    const done = await screen.findByTestId('resolve-done');
    expect(done.dataset.state).toBe('declined');
    expect(done.textContent).toContain('Press Continue');
    await waitFor(() => expect(screen.getByTestId('undo-step').dataset.state).toBe('todo'));
    expect(screen.queryByTestId('undo-resolve-form')).toBeNull();

    await user.click(screen.getByTestId('undo-continue'));
    await presentCard(till!.core);
    await screen.findByTestId('undo-finished');
    expect(refundStates()).toEqual(['declined', 'approved']);
    const host = await till!.host();
    expect(
      host
        .ledger()
        .filter((e) => e.messageTypeCode === '25')
        .map((e) => e.state),
    ).toEqual(['approved']);
  });

  it('return result: 银行已退款, then 继续退款 finishes the return', async () => {
    till = await cardTill();
    stockCatalogue(till.core);
    await supervisorReady(till);
    await scanned(till.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(till.core, PRODUCTS.cola.barcode, 3);
    await cardPart(till.core, order.id);
    await settle(till.core);
    (await till.host()).faults.delayNext(1, 2500);
    const chips = order.lines.find((l) => l.name === PRODUCTS.chips.name)!;
    const creating = till.core.dispatch('returns:create', {
      orderId: order.id,
      lines: [{ lineId: chips.id, quantity: 1 }],
      supervisor: SUPERVISOR,
    }) as Promise<Result<ReturnRun>>;
    await presentCard(till.core);
    const cut = await creating;
    if (!cut.ok) throw new Error(JSON.stringify(cut.error));

    function Holder() {
      const [run, setRun] = useState(cut.ok ? cut.value : null);
      return run && <ReturnResult run={run} onRun={setRun} onNext={() => undefined} />;
    }
    await show(<Holder />);
    const user = userEvent.setup();
    expect((await screen.findByTestId('return-problem')).dataset.code).toBe(
      'RETURN_STEP_UNDECIDED',
    );
    await user.click(screen.getByTestId('return-1-resolve-went'));
    await user.type(
      screen.getByTestId('return-1-resolve-supervisor-password'),
      `${SUPERVISOR.password}{Enter}`,
    );
    expect((await screen.findByTestId('resolve-done')).textContent).toContain('继续退款');
    await waitFor(() => expect(screen.queryByTestId('return-1-resolve-form')).toBeNull());
    expect(screen.queryByTestId('return-stopped')).toBeNull();

    await user.type(screen.getByTestId('return-again-supervisor-password'), SUPERVISOR.password);
    await user.click(screen.getByTestId('return-resume'));
    await screen.findByTestId('return-done');
    expect(refundStates()).toEqual(['approved']);
  });
});
