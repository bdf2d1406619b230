import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { HostStatus } from '../../preload/contract';
import { createI18n } from '../../renderer/src/i18n';
import { HostLine } from '../../renderer/src/screens/HostLine';

// Standby warns the cashier before field 48's n3 counts run out (999 card
// debits per side), and says why cards stop once they have.
function status(used: number | null): HostStatus {
  return {
    signedIn: true,
    pendingReversals: 0,
    cardsBlocked: false,
    lastError: null,
    batchFill: used === null ? null : { used, max: 999, nearlyFull: used >= 900 },
  } as HostStatus;
}

async function line(language: 'zh-CN' | 'en', used: number | null) {
  cleanup();
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <HostLine status={status(used)} signIn={null} onFlush={async () => undefined} />
    </I18nextProvider>,
  );
  return screen.queryByTestId('batch-nearly-full')?.textContent ?? null;
}

describe('standby warns of a batch near the host count limit', () => {
  it('says nothing below 900 or with no open batch', async () => {
    expect(await line('zh-CN', 899)).toBeNull();
    expect(await line('zh-CN', null)).toBeNull();
  });
  it('from 900 on asks for a settlement soon, in Chinese and English', async () => {
    expect(await line('zh-CN', 950)).toBe(
      '本批次银行卡交易已有 950 笔（主机上限 999 笔）：请尽快结算，满额后不能再刷卡。',
    );
    expect(await line('en', 900)).toContain('This batch has 900 card transactions');
  });
  it('once full, says cards stop until a supervisor settles', async () => {
    expect(await line('zh-CN', 999)).toContain('本批次银行卡交易已满（999 笔');
  });
});
