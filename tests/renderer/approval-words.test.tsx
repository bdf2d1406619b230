import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import type { TransactionView } from '../../preload/contract';
import { ok, setUpTerminal, signInCashier, signOff, startCore, tempDir } from '../support/core';
import { rawIdentifiers } from './raw-identifiers';
import { renderApp } from './render-app';

// The 审计日志 shows what a supervisor approved in words (消费撤销, 钱箱支出),
// never the name the main side records (`void`, `cash.paidOut`).
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
const SUPERVISOR = { operatorNo: '00', password: '246810' };

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await signOff(core);
  // Three approvals at the counter: a cash sale voided, a paid-out and a paid-in.
  await signInCashier(core);
  const sale = await ok<{ transaction: TransactionView }>(core, 'sale:cash', {
    amountFen: 1_250,
    tenderedFen: 2_000,
  });
  await ok(core, 'voids:run', { traceNo: sale.transaction.traceNo, supervisor: SUPERVISOR });
  await ok(core, 'cash:move', {
    kind: 'out',
    amountFen: 500,
    reason: '付供应商',
    supervisor: SUPERVISOR,
  });
  await ok(core, 'cash:move', {
    kind: 'in',
    amountFen: 5_000,
    reason: '银行换零钱',
    supervisor: SUPERVISOR,
  });
  await signOff(core);
  await ok(core, 'auth:signIn', SUPERVISOR);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

/** Each approval's detail as "label value" facts, newest entry first, as the audit log shows them. */
type Facts = string[];
async function approvalDetails(language: 'zh-CN' | 'en'): Promise<[Facts, Facts, Facts]> {
  await renderApp(core, language);
  await userEvent.setup().click(await screen.findByTestId('menu-audit'));
  const log = await screen.findByTestId('screen-audit');
  await waitFor(() =>
    expect(log.querySelectorAll('[data-action="supervisor.approved"]')).toHaveLength(3),
  );
  await act(() => new Promise((r) => setTimeout(r, 50)));
  const [paidIn, paidOut, voided] = [
    ...log.querySelectorAll('[data-action="supervisor.approved"] td.detail'),
  ].map((cell) =>
    [...cell.querySelectorAll('dl > div')].map((fact) =>
      [fact.querySelector('dt')?.textContent, fact.querySelector('dd')?.textContent]
        .filter(Boolean)
        .join(' '),
    ),
  );
  if (!paidIn || !paidOut || !voided) throw new Error('three approvals expected');
  return [paidIn, paidOut, voided];
}

/** Nothing in the facts is a machine's name: no `void`, `cash.paidOut`, `requestedBy`. */
function inWords(facts: string[]) {
  for (const fact of facts) {
    expect(rawIdentifiers(fact)).toEqual([]);
    expect(fact).not.toMatch(/\bvoid\b|cash\.paid|requestedBy|\baction\b|\btxId\b/);
  }
}

describe('supervisor approvals in the audit log (words, not action names)', () => {
  it('zh-CN: 钱箱收入, 钱箱支出, 消费撤销 with who asked', async () => {
    const [paidIn, paidOut, voided] = await approvalDetails('zh-CN');
    expect(paidIn).toEqual(expect.arrayContaining(['授权内容 钱箱收入', '申请人 01']));
    expect(paidOut).toContain('授权内容 钱箱支出');
    expect(voided).toContain('授权内容 消费撤销');
    expect(voided.some((f) => /^凭证号 \d{6}$/.test(f))).toBe(true);
    [paidIn, paidOut, voided].forEach(inWords);
  });

  it('en: Cash paid in, Cash paid out, Void with who asked', async () => {
    const [paidIn, paidOut, voided] = await approvalDetails('en');
    expect(paidIn).toEqual(expect.arrayContaining(['Approved Cash paid in', 'Requested by 01']));
    expect(paidOut).toContain('Approved Cash paid out');
    expect(voided).toContain('Approved Void');
    expect(voided.some((f) => /^Voucher no\. \d{6}$/.test(f))).toBe(true);
    [paidIn, paidOut, voided].forEach(inWords);
  });
});

describe('the 事件 filter in words', () => {
  it('offers families and actions by their words; choosing one lists only those entries', async () => {
    await renderApp(core, 'zh-CN');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('menu-audit'));
    const log = await screen.findByTestId('screen-audit');
    const choice = screen.getByTestId('audit-action') as HTMLSelectElement;
    const labels = [...choice.options].map((o) => o.textContent ?? '');
    expect(labels[0]).toBe('全部事件');
    expect(labels).toEqual(expect.arrayContaining(['钱箱（全部）', '主管授权', '签到']));
    // Every option is a word, never a name like cash.paidIn.
    expect(labels.flatMap(rawIdentifiers)).toEqual([]);

    const actionsShown = () =>
      [...log.querySelectorAll<HTMLElement>('[data-testid="audit-row"]')].map(
        (r) => r.dataset.action,
      );
    await user.selectOptions(choice, '钱箱（全部）');
    await user.click(screen.getByTestId('audit-search'));
    await waitFor(() =>
      expect(actionsShown()).toEqual(expect.arrayContaining(['cash.paidIn', 'cash.paidOut'])),
    );
    expect(actionsShown().every((a) => a?.startsWith('cash.'))).toBe(true);

    await user.selectOptions(choice, '主管授权');
    await user.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(actionsShown()).toEqual(Array(3).fill('supervisor.approved')));
  });
});
