import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import {
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  cashierIn,
  signOff,
} from '../support/core';
import { renderApp } from './render-app';

// The split tender screen (组合支付, issue 15) on the real core in training mode:
// total, each payment with its tender, what is left, this payment defaulting
// to the remainder; and a partly paid order abandoned with the supervisor.

const SUPERVISOR = { operatorNo: '00', password: '246810' };
const WECHAT = '134567890123456780';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await signOff(core);
  await cashierIn(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

/** A ¥26.00 order with ¥10.00 paid by QR code, as the till left it (e.g. before a restart). */
async function partlyPaid(): Promise<OrderView> {
  const order = await ok<OrderView>(core, 'order:addOpenLine', { amountFen: 2_600 });
  await ok(core, 'order:payQr', { orderId: order.id, code: WECHAT, amountFen: 1_000 });
  return order;
}

describe('split tender screen', () => {
  it('shows what was paid and what is left, refuses a part over it, and takes the rest in cash', async () => {
    const order = await partlyPaid();
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'sale' });

    // a partly paid order comes back at its tender
    await screen.findByTestId('tender-choice');
    expect(screen.getByTestId('split-total').textContent).toBe('¥26.00');
    expect(screen.getByTestId('choice-due').textContent).toBe('¥16.00');
    const paid = screen.getAllByTestId('split-payment').map((li) => li.textContent);
    expect(paid).toEqual(['扫码 ¥10.00']);
    const amount = screen.getByTestId('split-amount') as HTMLInputElement;
    expect(amount.value).toBe('¥16.00'); // the next payment defaults to the remainder

    // F2: key a part; more than is left is refused before anything is sent
    fireEvent.keyDown(window, { key: 'F2' });
    fireEvent.keyDown(amount, { key: 'Delete' });
    for (const key of ['2', '0', '0', '0']) fireEvent.keyDown(amount, { key });
    expect(amount.value).toBe('¥20.00');
    expect(screen.getByTestId('split-amount-error').textContent).toContain('¥16.00');
    expect(screen.getByTestId('tender-card')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('tender-qr')).toHaveProperty('disabled', true);
    fireEvent.keyDown(amount, { key: 'Backspace' });
    expect(amount.value).toBe('¥2.00');
    expect(screen.queryByTestId('split-amount-error')).toBeNull();
    expect(screen.getByTestId('tender-card').textContent).toContain('¥2.00');
    // cash is the last payment: it takes all that is left
    expect(screen.getByTestId('tender-cash').textContent).toContain('¥16.00');

    fireEvent.click(screen.getByTestId('tender-cash'));
    const tendered = await screen.findByTestId('tender-amount');
    for (const key of ['2', '0', '0', '0']) fireEvent.keyDown(tendered, { key });
    fireEvent.click(screen.getByTestId('tender-confirm'));
    await screen.findByTestId('screen-sale-done');
    expect(screen.getByTestId('done-change').textContent).toBe('¥4.00');

    const after = await ok<OrderView>(core, 'order:get', { orderId: order.id });
    expect(after.state).toBe('paid');
    expect(after.payments.map((p) => [p.tender, p.amountFen])).toEqual([
      ['qr', 1_000],
      ['cash', 1_600],
    ]);
  });

  it('abandons a partly paid order with the supervisor and shows each payment given back', async () => {
    const order = await partlyPaid();
    await renderApp(core, 'en');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'sale' });
    await screen.findByTestId('tender-choice');

    await screen.findByTestId('split-total');
    // The screen's keys are bound in an effect that may run after the panel shows
    // on a loaded machine: press F9 until the dialog answers it.
    await waitFor(() => {
      if (!screen.queryByTestId('abandon-dialog')) fireEvent.keyDown(window, { key: 'F9' });
      expect(screen.getByTestId('abandon-dialog')).toBeTruthy();
    });
    const dialog = screen.getByTestId('abandon-dialog');
    fireEvent.change(within(dialog).getByTestId('abandon-supervisor-password'), {
      target: { value: '000000' },
    });
    fireEvent.click(within(dialog).getByTestId('abandon-submit'));
    await within(dialog).findByTestId('abandon-error');
    fireEvent.change(within(dialog).getByTestId('abandon-supervisor-password'), {
      target: { value: SUPERVISOR.password },
    });
    fireEvent.click(within(dialog).getByTestId('abandon-submit'));

    await screen.findByTestId('undo-progress');
    await screen.findByTestId('undo-finished');
    const steps = screen.getAllByTestId('undo-step');
    expect(steps.map((s) => s.dataset.state)).toEqual(['done']);
    expect(steps[0]!.textContent).toContain('Refund QR payment');
    expect(steps[0]!.textContent).toContain('¥10.00');
    await waitFor(async () =>
      expect((await ok<OrderView>(core, 'order:get', { orderId: order.id })).state).toBe(
        'cancelled',
      ),
    );
    fireEvent.click(screen.getByTestId('undo-done'));
    await screen.findByTestId('entry'); // the next customer's basket
  });
});
