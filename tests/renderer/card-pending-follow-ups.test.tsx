import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  CardRefundOutcome,
  Result,
  RunningCard,
  TransactionView,
  VoidOutcome,
} from '../../preload/contract';
import { createI18n } from '../../renderer/src/i18n';
import { CardPending } from '../../renderer/src/components/CardPending';
import { cashierIn, ok, signOff } from '../support/core';
import {
  approvedSale,
  cardTill,
  padShows,
  presentCard,
  SUPERVISOR,
  supervisorReady,
  type CardTill,
} from '../integration/cards/harness';
import { installPos } from './in-process-pos';

// A page that comes up (reloaded) while a card refund or void it did not
// start is at the host says which it is — 退货处理中 / Refund in progress —
// with the amount, and ends in that transaction's own words (a declined or
// unanswered refund gave nothing back for sure). Real core, training host
// held back or silent.
let till: CardTill | null = null;
afterEach(async () => {
  cleanup();
  await till?.remove();
  till = null;
});

async function show(language: 'zh-CN' | 'en') {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <CardPending />
    </I18nextProvider>,
  );
}

const localDate = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** Until the host has the request (card:running says waiting-host). */
const atHost = (t: CardTill) =>
  vi.waitFor(
    async () =>
      expect(
        (await ok<{ running: RunningCard | null }>(t.core, 'card:running')).running?.phase,
      ).toBe('waiting-host'),
    { timeout: 5_000, interval: 10 },
  );

/**
 * A settled ¥88.00 card sale refunded by ¥33.00, the host given `fault` for
 * the refund; back once the refund is at the host (the sale before it is long
 * over, so the page can only find the refund), with the refund's answer to come.
 */
async function refundAtHost(
  t: CardTill,
  fault: 'slow' | 'silent',
): Promise<{ done: Promise<Result<CardRefundOutcome>> }> {
  await supervisorReady(t);
  const sale: TransactionView = (await approvedSale(t.core, 8_800)).transaction;
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', SUPERVISOR);
  await ok(t.core, 'settlement:run');
  await signOff(t.core);
  await cashierIn(t.core);
  const done = t.core.dispatch('refunds:card', {
    rrn: sale.card!.rrn,
    date: localDate(sale.createdAt),
    amountFen: 3_300,
    supervisor: SUPERVISOR,
  }) as Promise<Result<CardRefundOutcome>>;
  await padShows(t.core, 'card');
  const host = await t.host();
  if (fault === 'slow') host.faults.delayNext(1, 1_500);
  else host.faults.silentNext(1);
  await presentCard(t.core, 'approve');
  await atHost(t);
  return { done };
}

describe('CardPending: a card follow-up the page did not start', () => {
  it('zh: 退货处理中 with its amount, then the refund went through', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    installPos(till.core);
    const refund = (await refundAtHost(till, 'slow')).done;
    await show('zh-CN');
    const notice = await screen.findByTestId('card-pending');
    expect(notice.textContent).toContain('退货处理中，请稍候…');
    expect(notice.textContent).not.toContain('银行卡交易');
    expect(screen.getByTestId('card-pending-amount').textContent).toBe('退货金额：¥33.00');
    expect(notice.dataset.phase).toBe('waiting-host');
    expect(await refund).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    await waitFor(() =>
      expect(screen.getByTestId('card-pending-result').textContent).toBe(
        '该笔退货已成功：¥33.00。',
      ),
    );
  });

  it('en: Refund in progress with its amount, then unknown: check before refunding again', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    installPos(till.core);
    const refund = (await refundAtHost(till, 'silent')).done;
    await show('en');
    const notice = await screen.findByTestId('card-pending');
    expect(notice.textContent).toContain('Refund in progress, please wait…');
    expect(notice.textContent).not.toContain('card payment');
    expect(screen.getByTestId('card-pending-amount').textContent).toBe('Amount (refund): ¥33.00');
    expect(await refund).toMatchObject({ ok: true, value: { outcome: 'uncertain' } });
    await waitFor(() =>
      expect(screen.getByTestId('card-pending-result').textContent).toBe(
        'That refund (¥33.00) got no valid answer from the host, so whether the money went back is unknown: check with the acquirer, have the supervisor confirm it, and do not refund again.',
      ),
    );
  });

  it('zh: a void the host never answers: 消费撤销处理中, then reversed and the sale stands', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    installPos(till.core);
    await supervisorReady(till);
    const sale = await approvedSale(till.core, 6_600);
    (await till.host()).faults.silentNext(1);
    const done = till.core.dispatch('voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: SUPERVISOR,
    }) as Promise<Result<VoidOutcome>>;
    await atHost(till);
    await show('zh-CN');
    const notice = await screen.findByTestId('card-pending');
    expect(notice.textContent).toContain('消费撤销处理中，请稍候…');
    expect(screen.getByTestId('card-pending-amount').textContent).toBe('消费撤销金额：¥66.00');
    expect(await done).toMatchObject({ ok: true, value: { outcome: 'reversal' } });
    await waitFor(() =>
      expect(screen.getByTestId('card-pending-result').textContent).toBe(
        '该笔消费撤销未成功，已冲正，原消费仍然有效。',
      ),
    );
  });
});
