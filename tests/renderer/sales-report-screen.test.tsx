import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { pinyinInitials } from '../../main/domain/catalogue/pinyin';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { clearCatalogue } from '../support/catalogue';
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

// 报表 → 商品 / 分类 / 折扣 (issue 14, reports) on the real core: the tab
// showing is marked, one report is seen three ways, a cashier gets their
// shift only, a manager exports CSV.

const SUPERVISOR = { operatorNo: '00', password: '246810' };
let core: PosCore;
let clock: { advance(ms: number): void };
let paidOrder: OrderView;
let tmp: ReturnType<typeof tempDir>;
let saved: Blob[];

function stock(): Record<string, number> {
  clearCatalogue(core);
  const { repos } = core.internals;
  const ids: Record<string, number> = {};
  repos.inTransaction(() => {
    const drinks = repos.catalogue.addCategory('饮料', Date.now());
    const snacks = repos.catalogue.addCategory('零食', Date.now());
    for (const [code, name, priceFen, categoryId] of [
      ['10001', '可口可乐', 300, drinks],
      ['10002', '农夫山泉', 200, drinks],
      ['10003', '乐事薯片', 850, snacks],
    ] as const) {
      ids[code] = repos.catalogue.insert(
        {
          code,
          name,
          spec: '',
          unit: '瓶',
          priceFen,
          categoryId,
          weighable: false,
          active: true,
          pinyin: pinyinInitials(name),
          demo: false,
        },
        Date.now(),
      );
    }
  });
  return ids;
}

beforeEach(async () => {
  tmp = tempDir();
  ({ core, clock } = await startCore(tmp.dir));
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
  const ids = stock();
  // Cola ×2 at 10 % off (the supervisor approved it), chips; then water alone.
  let o = await ok<OrderView>(core, 'order:addProduct', { productId: ids['10001'], quantity: 2 });
  await ok(core, 'order:setLineDiscount', {
    lineId: o.lines[0]!.id,
    discount: { kind: 'percent', value: 1000 },
    supervisor: SUPERVISOR,
  });
  o = await ok<OrderView>(core, 'order:addProduct', { productId: ids['10003'] });
  await ok(core, 'order:payCash', { orderId: o.id, tenderedFen: 2_000 });
  paidOrder = o;
  o = await ok<OrderView>(core, 'order:addProduct', { productId: ids['10002'] });
  await ok(core, 'order:payCash', { orderId: o.id, tenderedFen: 200 });
  saved = [];
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    saved.push(blob as Blob);
    return 'blob:sales';
  };
  URL.revokeObjectURL = () => undefined;
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

const tab = (name: string) => screen.getByTestId(`reports-tab-${name}`);
const marked = () =>
  screen
    .getAllByRole('button', { pressed: true })
    .map((b) => b.getAttribute('data-testid'))
    .filter((id) => id?.startsWith('reports-tab-'));

describe('报表: 商品 / 分类 / 折扣 tabs', () => {
  it('a manager sees sales by product, by category and discounts, the tab showing marked, and exports CSV', async () => {
    await signOff(core);
    await ok(core, 'auth:signIn', SUPERVISOR);
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'reports' });
    await screen.findByTestId('screen-reports');
    const user = userEvent.setup();

    expect(tab('products').textContent).toBe('商品');
    expect(tab('categories').textContent).toBe('分类');
    expect(tab('discounts').textContent).toBe('折扣');
    await user.click(tab('products'));
    expect(marked()).toEqual(['reports-tab-products']);
    expect(tab('products').className).toContain('active');
    expect(tab('shift').className).not.toContain('active');

    // The till's day (the core's clock), not the machine's.
    fireEvent.change(screen.getByTestId('sales-date'), { target: { value: '2026-11-24' } });
    await user.click(screen.getByTestId('sales-show'));
    const table = await screen.findByTestId('sales-table-products');
    const rows = within(table).getAllByTestId('sales-row');
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual([
      '可口可乐 (瓶)',
      '农夫山泉 (瓶)',
      '乐事薯片 (瓶)',
    ]);
    // Cola: 2 × ¥3.00 = ¥6.00, 10 % off ¥0.60, net ¥5.40.
    expect(rows[0]!.textContent).toContain('¥6.00¥0.60¥5.40');
    expect(screen.getByTestId('sales-orders').textContent).toBe('已付单据 2 张');
    expect(screen.getByTestId('sales-total').textContent).toContain('¥16.50');
    expect(screen.getByTestId('sales-total').textContent).toContain('¥15.90');
    expect(within(screen.getByTestId('sales-top')).getAllByRole('listitem')[0]!.textContent).toBe(
      '乐事薯片 · ¥8.50',
    );

    // The same report by category: no need to ask again.
    await user.click(tab('categories'));
    expect(marked()).toEqual(['reports-tab-categories']);
    const cats = within(screen.getByTestId('sales-table-categories')).getAllByTestId('sales-row');
    expect(cats.map((r) => r.querySelector('th')?.textContent)).toEqual(['零食', '饮料']);
    expect(cats[1]!.textContent).toContain('¥7.40');

    await user.click(tab('discounts'));
    expect(marked()).toEqual(['reports-tab-discounts']);
    const disc = within(screen.getByTestId('sales-table-discounts')).getAllByTestId('sales-row');
    expect(disc).toHaveLength(1);
    expect(disc[0]!.textContent).toContain('01');
    expect(disc[0]!.textContent).toContain('1 / ¥0.60');
    expect(disc[0]!.textContent).toContain('00×1');

    await user.click(screen.getByTestId('sales-export'));
    expect((await screen.findByTestId('sales-notice')).textContent).toMatch(
      /^已导出 1 行：sales-discounts-\d{8}-\d{6}\.csv$/,
    );
    expect(saved).toHaveLength(1);
    const csv = await saved[0]!.text();
    expect(csv.split('\r\n')[0]).toContain('操作员 Operator');
    expect(csv).toContain('\r\n01,1,0.60,');
  });

  it('a cashier in English gets their own shift only, and no export', async () => {
    await renderApp(core, 'en');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'reports' });
    await screen.findByTestId('screen-reports');
    const user = userEvent.setup();
    expect(screen.queryByTestId('reports-tab-day')).toBeNull();
    await user.click(tab('categories'));
    expect(marked()).toEqual(['reports-tab-categories']);
    const span = screen.getByTestId('sales-span');
    expect(
      within(span)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Shift']);
    expect(screen.queryByTestId('sales-export')).toBeNull();
    await user.click(screen.getByTestId('sales-show'));
    await waitFor(() =>
      expect(screen.getByTestId('sales-orders').textContent).toBe('2 paid order(s)'),
    );
    const cats = within(screen.getByTestId('sales-table-categories')).getAllByTestId('sales-row');
    // Category names are the shop's own, as sold.
    expect(cats.map((r) => r.querySelector('th')?.textContent)).toEqual(['零食', '饮料']);

    // The cashier prints the shift's sales by category at the counter.
    await user.click(screen.getByTestId('sales-print'));
    expect((await screen.findByTestId('sales-notice')).textContent).toBe('Sent to the printer');
    const job = core.internals.db
      .prepare<[], { kind: string }>('SELECT kind FROM print_jobs ORDER BY id DESC LIMIT 1')
      .get();
    expect(job?.kind).toBe('report');
    const audit = core.internals.db
      .prepare<[], { detail: string }>(
        "SELECT detail FROM audit_log WHERE action = 'sales.printed' ORDER BY id DESC LIMIT 1",
      )
      .get();
    expect(JSON.parse(audit!.detail)).toMatchObject({
      view: 'categories',
      report: { kind: 'shift' },
    });
  });

  it('a day with returns and no sale shows what came back', async () => {
    // The next day the chips come back (cash, the supervisor approves).
    clock.advance(86_400_000);
    const chips = paidOrder.lines.find((l) => l.name === '乐事薯片')!;
    await ok(core, 'returns:create', {
      orderId: paidOrder.id,
      lines: [{ lineId: chips.id, quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    await signOff(core);
    await ok(core, 'auth:signIn', SUPERVISOR);
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'reports' });
    await screen.findByTestId('screen-reports');
    const user = userEvent.setup();
    await user.click(tab('products'));
    fireEvent.change(screen.getByTestId('sales-date'), { target: { value: '2026-11-25' } });
    await user.click(screen.getByTestId('sales-show'));
    const rows = within(await screen.findByTestId('sales-table-products')).getAllByTestId(
      'sales-row',
    );
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['乐事薯片 (瓶)']);
    expect(rows[0]!.textContent).toContain('¥8.50');
    expect(screen.getByTestId('sales-orders').textContent).toBe('已付单据 0 张');
    expect(screen.queryByTestId('sales-empty')).toBeNull();
    await user.click(tab('discounts'));
    expect(screen.getByTestId('sales-no-discounts')).toBeTruthy();
  });
});
