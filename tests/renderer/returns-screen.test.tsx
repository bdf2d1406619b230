import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { PRODUCTS, call, scanned, stockCatalogue } from '../integration/checkout/harness';
import { setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
let order: OrderView;

/** A cash order of cola ×2 and chips ×1 (¥14.50), paid; cashier 01 at the till. */
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

const lineId = (name: string) => order.lines.find((l) => l.name === name)!.id;

async function openReturns(language: 'zh-CN' | 'en' = 'zh-CN') {
  await renderApp(core, language);
  await screen.findByTestId('screen-standby');
  // Each key of the menu says a different thing (8 the card refund, R returns by item).
  const labels = screen
    .getAllByRole('button')
    .filter((b) => b.getAttribute('data-testid')?.startsWith('menu-'))
    .map((b) => b.textContent?.replace(/^\S+\s*/, ''));
  expect(new Set(labels).size).toBe(labels.length);
  const user = userEvent.setup();
  await user.keyboard('r');
  await screen.findByTestId('screen-returns');
  return user;
}

describe('退货 screen (standby → R)', () => {
  it('finds the order by its number, returns one line to cash with the supervisor, shows the steps', async () => {
    const user = await openReturns();
    await user.type(screen.getByTestId('return-order-no'), `${order.number}{Enter}`);
    await screen.findByTestId('return-order');
    await user.type(screen.getByTestId(`return-qty-${lineId(PRODUCTS.chips.name)}`), '1');
    await waitFor(() => expect(screen.getByTestId('return-total').textContent).toBe('¥8.50'));
    expect(screen.getByTestId('return-plan-cash').textContent).toContain('现金退款');
    await user.type(screen.getByTestId('return-supervisor-password'), '246810');
    await user.click(screen.getByTestId('return-submit'));

    await screen.findByTestId('screen-return-result');
    expect(screen.getByTestId('return-done').textContent).toContain('退货完成');
    expect(screen.getByTestId('return-cash-out').textContent).toContain('¥8.50');
    expect(screen.getByTestId('return-step-1').textContent).toContain('已退');
    const left = await call<{ lines: Array<{ name: string; leftQty: number }> }>(
      core,
      'returns:order',
      { orderNo: order.number },
    );
    expect(left.lines.map((l) => [l.name, l.leftQty])).toEqual([
      [PRODUCTS.cola.name, 2],
      [PRODUCTS.chips.name, 0],
    ]);
  });

  it('says in English how many are left when the quantity is over, and a wrong number clearly', async () => {
    const user = await openReturns('en');
    await user.type(screen.getByTestId('return-order-no'), '20990101000001{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('return-error').textContent).toContain(
        'Order 20990101000001 not found',
      ),
    );
    await user.clear(screen.getByTestId('return-order-no'));
    await user.type(screen.getByTestId('return-order-no'), `${order.number}{Enter}`);
    await screen.findByTestId('return-order');
    await user.type(screen.getByTestId(`return-qty-${lineId(PRODUCTS.cola.name)}`), '3');
    await waitFor(() =>
      expect(screen.getByTestId('return-error').textContent).toContain(
        `At most 2 of "${PRODUCTS.cola.name}" (¥6.00) can still be returned`,
      ),
    );
    expect(screen.queryByTestId('return-submit')).toBeNull();
  });
});
