import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView, ReturnOrderView } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { PRODUCTS, call, scanned, stockCatalogue } from '../integration/checkout/harness';
import { setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

// A new cashier does a return with the keyboard alone: after the order is
// found the cursor is on the first line that can still be returned, Enter
// walks the lines, then the supervisor's password, then the refund.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
let order: OrderView;
const SUPERVISOR = { operatorNo: '00', password: '246810' };

/** A cash order of cola ×2 and chips ×1 (¥14.50), paid; cashier 01 at the till. */
beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await call(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await signOff(core);
  await signInCashier(core);
  stockCatalogue(core);
  await scanned(core, PRODUCTS.cola.barcode, 2);
  order = await scanned(core, PRODUCTS.chips.barcode);
  await call(core, 'order:payCash', { orderId: order.id, tenderedFen: 2000 });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

const lineId = (name: string) => order.lines.find((l) => l.name === name)!.id;
const qtyField = (name: string) => screen.getByTestId(`return-qty-${lineId(name)}`);

/** Returns these lines straight through the core (an earlier return of the order). */
async function returnedBefore(lines: Array<{ name: string; quantity: number }>) {
  const found = await call<ReturnOrderView>(core, 'returns:order', { orderNo: order.number });
  await call(core, 'returns:create', {
    orderId: found.orderId,
    lines: lines.map((l) => ({ lineId: lineId(l.name), quantity: l.quantity })),
    supervisor: SUPERVISOR,
  });
}

/** Standby → R → the order number typed and Enter, all on the keyboard. */
async function findByKeyboard(language: 'zh-CN' | 'en' = 'zh-CN') {
  await renderApp(core, language);
  await screen.findByTestId('screen-standby');
  const user = userEvent.setup();
  await user.keyboard('r');
  await screen.findByTestId('screen-returns');
  expect(document.activeElement).toBe(screen.getByTestId('return-order-no'));
  await user.keyboard(`${order.number}{Enter}`);
  await screen.findByTestId('return-order');
  return user;
}

describe('退货 by keyboard', () => {
  it('order number → first line → Enter along the lines → password → refund, no mouse', async () => {
    const user = await findByKeyboard();
    expect(document.activeElement).toBe(qtyField(PRODUCTS.cola.name));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(qtyField(PRODUCTS.chips.name));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(qtyField(PRODUCTS.cola.name));
    await user.keyboard('{ArrowDown}1{Enter}');
    // The quote comes from the main side; the password follows it.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByTestId('return-supervisor-password')),
    );
    expect(screen.getByTestId('return-total').textContent).toBe('¥8.50');
    await user.keyboard(`${SUPERVISOR.password}{Enter}`);

    await screen.findByTestId('screen-return-result');
    expect(screen.getByTestId('return-done').textContent).toContain('退货完成');
    expect(document.activeElement).toBe(screen.getByTestId('return-next'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('return-order-no')));
  });

  it('skips a line already returned in full', async () => {
    await returnedBefore([{ name: PRODUCTS.cola.name, quantity: 2 }]);
    const user = await findByKeyboard('en');
    expect(document.activeElement).toBe(qtyField(PRODUCTS.chips.name));
    await user.keyboard('1{Enter}');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByTestId('return-supervisor-password')),
    );
  });

  it('nothing left to return: the cursor is on the way back, Enter goes to standby', async () => {
    await returnedBefore([
      { name: PRODUCTS.cola.name, quantity: 2 },
      { name: PRODUCTS.chips.name, quantity: 1 },
    ]);
    const user = await findByKeyboard();
    expect(document.activeElement).toBe(screen.getByTestId('return-back'));
    await user.keyboard('{Enter}');
    await screen.findByTestId('screen-standby');
  });

  it('too many on the last line: the cursor comes back to it, the error in view, no password', async () => {
    const user = await findByKeyboard('en');
    await user.keyboard('1');
    await waitFor(() => expect(screen.getByTestId('return-total').textContent).toBe('¥3.00'));
    // Enter right after the 5: the quote for cola ×1 is still shown when it lands.
    await user.keyboard('{Enter}5{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('return-error').textContent).toContain('At most 1'),
    );
    expect(screen.queryByTestId('return-supervisor-password')).toBeNull();
    expect(document.activeElement).toBe(qtyField(PRODUCTS.chips.name));
    await user.keyboard('{Backspace}1{Enter}');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('return-supervisor-password'));
      expect(screen.getByTestId('return-total').textContent).toBe('¥11.50');
    });
  });
});
