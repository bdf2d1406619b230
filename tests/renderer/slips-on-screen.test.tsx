import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { approvedSale } from '../integration/cards/harness';
import { ok, setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Issue 18 item 18: with the virtual printer a paid sale shows its receipts on
// screen, but a void's slip and a reprint went nowhere a person could see.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core; // SETUP's printer is the virtual one
  await setUpTerminal(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await ok(core, 'auth:signOff');
  await signInCashier(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

const papers = () => [...document.querySelectorAll('.receipt-paper')].map((p) => p.textContent);

describe('void slips and reprints on the virtual printer (item 18)', () => {
  it('a void shows its slip on screen, and so does a reprint', async () => {
    const sale = await approvedSale(core, 8_888);
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('7');
    await screen.findByTestId('screen-find-void');
    await user.type(screen.getByTestId('find-voucher'), sale.transaction.traceNo);
    await user.click(screen.getByTestId('find-submit'));
    await screen.findByTestId('void-form');
    expect(screen.queryByTestId('receipt-panel')).toBeNull();
    await user.type(screen.getByTestId('void-supervisor-password'), '246810');
    await user.click(screen.getByTestId('void-submit'));
    await waitFor(() => expect(screen.getByTestId('void-result').dataset.outcome).toBe('approved'));
    // Both copies of the void slip, each in full, and the print state said once.
    await waitFor(() => expect(papers()).toHaveLength(2));
    for (const paper of papers()) {
      expect(paper).toContain('撤销');
      expect(paper).toContain(`原凭证号 ORIG VOUCHER ${sale.transaction.traceNo}`);
    }
    await waitFor(() =>
      expect(screen.getAllByText('小票已在屏幕上显示（虚拟打印机）')).toHaveLength(1),
    );

    await user.click(screen.getByTestId('reprint'));
    await screen.findByTestId('reprinted');
    await waitFor(() => expect(papers().join('')).toContain('重打印 DUPLICATE'));
  });

  it('standby’s 重打印上一笔 shows the reprinted slip beside the menu', async () => {
    await approvedSale(core, 1_250);
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    expect(screen.queryByTestId('receipt-panel')).toBeNull();
    await user.keyboard('3');
    await screen.findByTestId('standby-message');
    // Both copies of the card slip, printed again.
    await waitFor(() => expect(papers()).toHaveLength(2));
    for (const paper of papers()) {
      expect(paper).toContain('重打印 DUPLICATE');
      expect(paper).toContain('RMB 12.50');
    }
  });
});
