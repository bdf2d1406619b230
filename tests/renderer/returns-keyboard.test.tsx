import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { PRODUCTS, call, scanned, stockCatalogue } from '../integration/checkout/harness';
import { setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

// 退货 by keyboard alone: once the order was found the cursor stayed in the
// order number, and Enter in a quantity did nothing — the way on was Tab.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
let order: OrderView;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await call(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
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

const focused = () => document.activeElement?.getAttribute('data-testid');

describe('退货 by keyboard (standby → R)', () => {
  it('number + Enter → first quantity; Enter → next; Enter after the last → supervisor password; Enter returns', async () => {
    const line = (name: string) => order.lines.find((l) => l.name === name)!.id;
    await renderApp(core);
    await screen.findByTestId('screen-standby');
    const user = userEvent.setup();
    await user.keyboard('r');
    await screen.findByTestId('screen-returns');
    await waitFor(() => expect(focused()).toBe('return-order-no'));
    await user.keyboard(`${order.number}{Enter}`);
    await screen.findByTestId('return-order');
    await waitFor(() => expect(focused()).toBe(`return-qty-${line(PRODUCTS.cola.name)}`));
    await user.keyboard('{Enter}');
    expect(focused()).toBe(`return-qty-${line(PRODUCTS.chips.name)}`);
    await user.keyboard('1{Enter}');
    await waitFor(() => expect(focused()).toBe('return-supervisor-password'));
    expect(screen.getByTestId('return-total').textContent).toBe('¥8.50');
    await user.keyboard('246810{Enter}');
    await screen.findByTestId('screen-return-result');
    expect(screen.getByTestId('return-cash-out').textContent).toContain('¥8.50');
  });
});
