import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransactionPolicy, TransactionView } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import {
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  cashierIn,
  signOff,
} from '../support/core';
import { renderApp as renderInJsdom } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
const SUPERVISOR_PASSWORD = '246810';

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  // The supervisor replaces the initial password once; then the cashier is at the till.
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR_PASSWORD,
    confirmPassword: SUPERVISOR_PASSWORD,
  });
  await signOff(core);
  await signInCashier(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function renderApp(language: 'zh-CN' | 'en' = 'zh-CN') {
  await renderInJsdom(core, language);
  await screen.findByTestId('screen-standby');
}

async function cashSale(amountFen: number): Promise<TransactionView> {
  const r = await ok<{ transaction: TransactionView }>(core, 'sale:cash', {
    amountFen,
    tenderedFen: amountFen,
  });
  return r.transaction;
}

describe('void and refund from the standby menu, keyboard only', () => {
  it('7 → voucher number (no leading zeros) → Enter → details → supervisor password → Enter: voided', async () => {
    const sale = await cashSale(1_250);
    await renderApp();
    const user = userEvent.setup();
    await user.keyboard('7');
    await screen.findByTestId('screen-find-void');
    // The cursor is already in the voucher field.
    expect(document.activeElement).toBe(screen.getByTestId('find-voucher'));
    await user.keyboard(`${Number(sale.traceNo)}{Enter}`);
    await screen.findByTestId('screen-transaction');
    expect(screen.getByTestId('detail-voucher').textContent).toBe(sale.traceNo);
    expect(document.activeElement).toBe(screen.getByTestId('void-supervisor-password'));
    await user.keyboard(`${SUPERVISOR_PASSWORD}{Enter}`);
    const result = await screen.findByTestId('void-result');
    expect(result.dataset.outcome).toBe('approved');
    expect(result.textContent).toBe('撤销成功，撤销单正在打印。');
    await waitFor(() =>
      expect(screen.getByTestId('screen-transaction').dataset.state).toBe('voided'),
    );
  });

  it('names a voucher that is not in the batch, in the chosen language', async () => {
    await renderApp('en');
    const user = userEvent.setup();
    await user.keyboard('7');
    await screen.findByTestId('screen-find-void');
    await user.keyboard('424242{Enter}');
    expect((await screen.findByTestId('find-error')).textContent).toBe(
      'No transaction with voucher 424242 in the current batch: check the number; settled transactions need a refund.',
    );
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-standby');
  });

  it('8 → by batch and voucher → Enter → amount → supervisor → Enter: cash refunded after settlement', async () => {
    const sale = await cashSale(3_000);
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR_PASSWORD });
    await ok(core, 'settlement:run');
    await signOff(core);
    await cashierIn(core);
    await renderApp();
    const user = userEvent.setup();
    await user.keyboard('8');
    await screen.findByTestId('screen-find-refund');
    expect(document.activeElement).toBe(screen.getByTestId('find-rrn'));
    await user.click(screen.getByTestId('find-by-voucher'));
    await user.click(screen.getByTestId('find-batch'));
    await user.keyboard(`${Number(sale.batchNo)}{Tab}${Number(sale.traceNo)}{Enter}`);
    await screen.findByTestId('screen-transaction');
    expect(screen.getByTestId('refundable').textContent).toBe('¥30.00');
    // Settled: the rules allow a refund, not a void, so no void form is offered.
    expect(screen.queryByTestId('void-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('refund-amount'));
    // Amount in fen like the sale keypad (1,2,5,0 → ¥12.50), then Tab past the
    // prefilled supervisor number to the password.
    await user.keyboard('1250');
    expect((screen.getByTestId('refund-amount') as HTMLInputElement).value).toBe('¥12.50');
    await user.keyboard(`{Tab}{Tab}${SUPERVISOR_PASSWORD}{Enter}`);
    const result = await screen.findByTestId('refund-result');
    expect(result.dataset.outcome).toBe('approved');
    expect(result.textContent).toBe('现金退货成功：请从钱箱取出现金交给顾客，小票正在打印。');
    await waitFor(() => expect(screen.getByTestId('refundable').textContent).toBe('¥17.50'));
    expect(screen.getAllByTestId('refund-row')).toHaveLength(1);
  });
});

describe('transaction parameters (99)', () => {
  it('switches refunds off and sets a maximum refund; a bad amount is named', async () => {
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await renderApp();
    const user = userEvent.setup();
    await user.keyboard('0');
    await screen.findByTestId('screen-tech-policy');
    await waitFor(() =>
      expect((screen.getByTestId('policy-max-refund') as HTMLInputElement).value).toBe('50,000.00'),
    );
    await user.click(screen.getByTestId('policy-refund'));
    await user.clear(screen.getByTestId('policy-max-refund'));
    await user.type(screen.getByTestId('policy-max-refund'), 'abc');
    await user.click(screen.getByTestId('policy-save'));
    expect((await screen.findByTestId('policy-error')).textContent).toContain('金额');
    await user.clear(screen.getByTestId('policy-max-refund'));
    await user.type(screen.getByTestId('policy-max-refund'), '800');
    await user.click(screen.getByTestId('policy-save'));
    await screen.findByTestId('policy-saved');
    expect(await ok<TransactionPolicy>(core, 'setup:getPolicy')).toEqual({
      refund: false,
      void: true,
      preAuth: true,
      maxRefundFen: 80_000,
      passwordExpiryDays: 90,
    });
  });
});
