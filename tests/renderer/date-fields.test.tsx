import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, signOff, startCore, tempDir } from '../support/core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { renderApp } from './render-app';

// 交易查询 and 审计日志 take their days as YYYY-MM-DD in the till's language, not
// in the browser's (an <input type="date"> reads mm/dd/yyyy on an en-US PC, as
// Node here runs); a day that does not exist is named and stops the query.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
  await ok(core, 'sale:cash', { amountFen: 1_250, tenderedFen: 2_000 });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

/** Counts the calls of one channel that reach the core (the screen's queries, as sent). */
function callsOf(channel: string): () => number {
  const dispatch = core.dispatch.bind(core);
  let n = 0;
  core.dispatch = (c, input, call) => {
    if (c === channel) n += 1;
    return dispatch(c, input, call);
  };
  return () => n;
}

/** The cashier signs off; 00 signs in for the first time (changing 123456). */
async function supervisorIn() {
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
}

async function retype(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.type(field, text);
}

describe('date fields of 交易查询 and 审计日志 (and the other look-ups by day)', () => {
  for (const [language, placeholder, noSuchDate] of [
    ['zh-CN', '年-月-日', '日期不存在：2099-02-30'],
    ['en', 'YYYY-MM-DD', 'No such date: 2099-02-30'],
  ] as const) {
    it(`history (${language}): digits with dashes by themselves; 2099-02-30 named and not queried`, async () => {
      await renderApp(core, language);
      const user = userEvent.setup();
      await screen.findByTestId('screen-standby');
      await user.keyboard('0');
      await screen.findAllByTestId('history-row');
      const from = screen.getByTestId('query-from') as HTMLInputElement;
      expect(from.type).toBe('text');
      expect(from.placeholder).toBe(placeholder);
      expect((screen.getByTestId('query-to') as HTMLInputElement).type).toBe('text');

      await retype(user, from, '20990101{Enter}');
      expect(from.value).toBe('2099-01-01');
      await waitFor(() => expect(screen.queryAllByTestId('history-row')).toHaveLength(0));

      // A letter does not go in; the dashes come by themselves.
      await retype(user, from, '2099a0230');
      expect(from.value).toBe('2099-02-30');
      expect(screen.getByTestId('query-from-error').textContent).toBe(noSuchDate);
      expect(from.getAttribute('aria-invalid')).toBe('true');
      // Refused, by Enter or the button: not a query from some other day.
      const queries = callsOf('transactions:query');
      await user.keyboard('{Enter}');
      await user.click(screen.getByTestId('query-search'));
      expect(document.activeElement).toBe(from);
      expect(queries()).toBe(0);
      expect(screen.queryAllByTestId('history-row')).toHaveLength(0);

      // Fixed, it queries.
      await retype(user, from, '20000101{Enter}');
      expect(screen.queryByTestId('query-from-error')).toBeNull();
      await screen.findAllByTestId('history-row');
    });
  }

  it('history: an unfinished day says how to write it, blocks too; 清除 clears it', async () => {
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('0');
    await screen.findAllByTestId('history-row');
    const to = screen.getByTestId('query-to') as HTMLInputElement;
    await retype(user, to, '202612');
    expect(to.value).toBe('2026-12');
    expect(screen.getByTestId('query-to-error').textContent).toBe(
      '日期写作 年-月-日，如 2026-12-04',
    );
    const queries = callsOf('transactions:query');
    await user.type(screen.getByTestId('query-voucherNo'), '999999{Enter}');
    expect(document.activeElement).toBe(to);
    expect(queries()).toBe(0);
    // The voucher filter was not queried: the sale is still listed.
    expect(screen.getAllByTestId('history-row')).toHaveLength(1);

    await user.click(screen.getByTestId('query-clear'));
    const cleared = screen.getByTestId('query-to') as HTMLInputElement;
    expect(cleared.value).toBe('');
    expect(screen.queryByTestId('query-to-error')).toBeNull();
    await user.click(screen.getByTestId('query-search'));
    await screen.findAllByTestId('history-row');
  });

  it('audit log (supervisor, en): No such date: 2026-02-30, not searched until fixed', async () => {
    await supervisorIn();
    await renderApp(core, 'en');
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('4');
    await screen.findAllByTestId('audit-row');
    const from = screen.getByTestId('audit-from') as HTMLInputElement;
    const to = screen.getByTestId('audit-to') as HTMLInputElement;
    expect(from.type).toBe('text');
    expect(from.placeholder).toBe('YYYY-MM-DD');

    await retype(user, from, '20990101{Enter}');
    await waitFor(() => expect(screen.queryAllByTestId('audit-row')).toHaveLength(0));

    await retype(user, from, '2000-01-01');
    await retype(user, to, '20260230');
    expect(to.value).toBe('2026-02-30');
    expect(screen.getByTestId('audit-to-error').textContent).toBe('No such date: 2026-02-30');
    const searches = callsOf('audit:list');
    await user.click(screen.getByTestId('audit-search'));
    expect(document.activeElement).toBe(to);
    expect(searches()).toBe(0);
    expect(screen.queryAllByTestId('audit-row')).toHaveLength(0);

    await retype(user, to, '20990228{Enter}');
    await screen.findAllByTestId('audit-row');
  });

  it('审计日志 in Chinese names the day too', async () => {
    await supervisorIn();
    await renderApp(core, 'zh-CN');
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('4');
    const from = (await screen.findByTestId('audit-from')) as HTMLInputElement;
    expect(from.placeholder).toBe('年-月-日');
    await retype(user, from, '20260230');
    expect(screen.getByTestId('audit-from-error').textContent).toBe('日期不存在：2026-02-30');
  });

  it('退货 by reference (8) and 按商品退货 by date (R): a day that is not one is not looked up', async () => {
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('8');
    await screen.findByTestId('screen-find-refund');
    await user.type(screen.getByTestId('find-rrn'), '123456789012');
    const day = screen.getByTestId('find-date');
    await retype(user, day, '20260230');
    expect(screen.getByTestId('find-date-error').textContent).toBe('日期不存在：2026-02-30');
    const finds = callsOf('transactions:find');
    await user.click(screen.getByTestId('find-submit'));
    expect(document.activeElement).toBe(day);
    expect(finds()).toBe(0);
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-standby');

    await user.keyboard('r');
    await screen.findByTestId('screen-returns');
    await user.click(screen.getByText('按日期查找', { selector: 'summary' }));
    const returnDay = screen.getByTestId('return-date');
    await retype(user, returnDay, '20260230');
    expect(screen.getByTestId('return-date-error').textContent).toBe('日期不存在：2026-02-30');
    const searches = callsOf('returns:search');
    await user.click(screen.getByTestId('return-search'));
    expect(document.activeElement).toBe(returnDay);
    expect(searches()).toBe(0);
    await retype(user, returnDay, '20260228');
    await user.click(screen.getByTestId('return-search'));
    expect(searches()).toBe(1);
  });

  it('报表 (day, charts, sales by product) and 数据维护 export: a day that is not one is not asked for', async () => {
    await supervisorIn();
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'reports' });
    await screen.findByTestId('screen-reports');

    await user.click(screen.getByTestId('reports-tab-day'));
    const day = screen.getByTestId('reports-date') as HTMLInputElement;
    await retype(user, day, '20260230{Enter}');
    expect(screen.getByTestId('reports-date-error').textContent).toBe('日期不存在：2026-02-30');
    const dayReports = callsOf('reports:day');
    await user.click(screen.getByTestId('reports-show'));
    expect(document.activeElement).toBe(day);
    expect(dayReports()).toBe(0);
    await retype(user, day, '20260228{Enter}');
    await waitFor(() => expect(dayReports()).toBe(1));

    // A wrong day left on a tab that is then closed blocks nothing on the next.
    await retype(user, day, '20261340');
    await user.click(screen.getByTestId('reports-tab-products'));
    await user.selectOptions(screen.getByTestId('sales-span'), 'day');
    const salesDay = screen.getByTestId('sales-date') as HTMLInputElement;
    const sales = callsOf('reports:sales');
    await user.click(screen.getByTestId('sales-show'));
    await waitFor(() => expect(sales()).toBe(1));
    await retype(user, salesDay, '20260231');
    await user.click(screen.getByTestId('sales-show'));
    await user.click(screen.getByTestId('sales-print'));
    expect(document.activeElement).toBe(salesDay);
    expect(sales()).toBe(1);

    useAppStore.getState().go({ name: 'data-care' });
    const from = (await screen.findByTestId('export-from')) as HTMLInputElement;
    await retype(user, from, '20250229');
    expect(screen.getByTestId('export-from-error').textContent).toBe('日期不存在：2025-02-29');
    const exports = callsOf('data:exportTransactions');
    await user.click(screen.getByTestId('export-csv'));
    expect(document.activeElement).toBe(from);
    expect(exports()).toBe(0);
  });
});
