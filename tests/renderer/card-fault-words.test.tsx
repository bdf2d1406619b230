import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardFault, CardOutcome, Result, TransactionView } from '../../preload/contract';
import { createI18n, type Language } from '../../renderer/src/i18n';
import { Preauth } from '../../renderer/src/screens/Preauth';
import { TransactionDetail } from '../../renderer/src/screens/history/TransactionDetail';
import { CardResult } from '../../renderer/src/screens/sale/CardResult';
import {
  approvedSale,
  cardTill,
  padShows,
  presentCardAndPin,
  supervisorReady,
  SUPERVISOR,
  type CardTill,
} from '../integration/cards/harness';
import { ok } from '../support/core';
import { installPos } from './in-process-pos';

// A card payment that failed on the line said only "98" or "A0": the cashier
// could not tell a silent host from a cut line or a reply for another sale.
// Each fault kind, as the core names it (CardFault), in one sentence in both
// languages, the reason code still on screen for support.

async function draw(language: Language, ui: ReactNode) {
  const i18n = await createI18n(language);
  render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}

const tx = {
  id: 7,
  type: 'sale',
  amountFen: 1_234,
  traceNo: '000012',
  card: { panMasked: '622848******0001' },
} as unknown as TransactionView;

async function saleResult(language: Language, fault: CardFault | undefined, delivered = true) {
  const outcome = {
    outcome: 'reversal',
    reason: fault?.kind === 'bad-mac' ? 'A0' : '98',
    delivered,
    fault,
    transaction: tx,
  } as CardOutcome;
  await draw(
    language,
    <CardResult outcome={outcome} onNext={() => undefined} onStandby={() => undefined} />,
  );
  const words = {
    sentence: screen.getByTestId('reversal-fault').textContent,
    code: screen.getByTestId('reversal-message').textContent,
  };
  cleanup();
  return words;
}

const KINDS: [CardFault, string, string][] = [
  [
    { kind: 'timeout', seconds: 30, bytes: 0 },
    '主机 30 秒没有应答，交易已冲正，没有扣款。',
    'The host did not answer within 30 s; the payment was reversed and nothing was charged.',
  ],
  [
    { kind: 'timeout', seconds: 30, bytes: 12 },
    '主机 30 秒内没有发完应答（只收到 12 字节），交易已冲正，没有扣款。',
    "The host's answer was still incomplete after 30 s (12 bytes received); the payment was reversed and nothing was charged.",
  ],
  [
    { kind: 'cut', bytes: 12 },
    '主机的应答在 12 字节处中断，交易已冲正，没有扣款。',
    "The host's answer broke off after 12 bytes; the payment was reversed and nothing was charged.",
  ],
  [
    { kind: 'cut', bytes: 0 },
    '主机没有应答就断开了连接，交易已冲正，没有扣款。',
    'The host closed the connection without answering; the payment was reversed and nothing was charged.',
  ],
  [
    { kind: 'undecodable' },
    '主机的应答无法解读，交易已冲正，没有扣款。',
    "The host's answer could not be read; the payment was reversed and nothing was charged.",
  ],
  [
    { kind: 'mismatch', field: 11 },
    '主机应答的流水号与请求不符（字段 11），交易已冲正，没有扣款。',
    "The host's answer carried a different trace number from the request (field 11); the payment was reversed and nothing was charged.",
  ],
  [
    { kind: 'mismatch', field: 4 },
    '主机应答的金额与请求不符（字段 4），交易已冲正，没有扣款。',
    "The host's answer carried a different amount from the request (field 4); the payment was reversed and nothing was charged.",
  ],
  [
    { kind: 'mismatch', field: 41 },
    '主机应答的终端号与请求不符（字段 41），交易已冲正，没有扣款。',
    "The host's answer carried a different terminal number from the request (field 41); the payment was reversed and nothing was charged.",
  ],
  [
    { kind: 'mismatch', field: null },
    '主机应答的报文类型与请求不符，交易已冲正，没有扣款。',
    'The host answered with a different message type from the request; the payment was reversed and nothing was charged.',
  ],
  [
    { kind: 'bad-mac' },
    '主机应答的 MAC 校验不符，交易已冲正，没有扣款。',
    "The MAC on the host's answer did not verify; the payment was reversed and nothing was charged.",
  ],
];

describe('the card result screen names the fault in one sentence', () => {
  it.each(KINDS)('%o', async (fault, zh, en) => {
    const code = fault.kind === 'bad-mac' ? 'A0' : '98';
    expect(await saleResult('zh-CN', fault)).toEqual({
      sentence: zh,
      code: code === 'A0' ? '冲正原因：MAC 校验错(A0)' : '冲正原因：无应答(98)',
    });
    expect(await saleResult('en', fault)).toEqual({
      sentence: en,
      code:
        code === 'A0' ? 'Reversal reason: MAC error (A0)' : 'Reversal reason: no valid answer (98)',
    });
  });

  it('a reversal not yet through to the host says so', async () => {
    const fault: CardFault = { kind: 'timeout', seconds: 60, bytes: 0 };
    expect((await saleResult('zh-CN', fault, false)).sentence).toBe(
      '主机 60 秒没有应答，交易正在冲正（冲正尚未送达主机），不会扣款。',
    );
    expect((await saleResult('en', fault, false)).sentence).toBe(
      'The host did not answer within 60 s; the payment is being reversed (the reversal has not reached the host yet) and nothing will be charged.',
    );
  });

  it('an outcome recorded before faults were named still reads as a sentence', async () => {
    expect((await saleResult('zh-CN', undefined)).sentence).toBe(
      '主机没有有效应答，交易已冲正，没有扣款。',
    );
  });
});

describe('pre-auth and void results, from the real core and the training host', () => {
  let till: CardTill | null = null;
  afterEach(async () => {
    await till?.remove();
    till = null;
  });

  async function show(language: Language, ui: ReactNode) {
    installPos(till!.core);
    await draw(language, ui);
  }

  it('pre-auth: the host stays silent (zh), its completion gets garbage (en)', async () => {
    till = await cardTill({ host: { timeoutSec: 1 } });
    const t = till;
    await supervisorReady(t);
    const host = await t.host();
    await show('zh-CN', <Preauth />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('preauth-amount'), '50000');
    host.faults.silentNext(1);
    await user.click(screen.getByTestId('preauth-start'));
    await presentCardAndPin(t.core, 'approve');
    await waitFor(
      () => expect(screen.getByTestId('preauth-result').dataset.outcome).toBe('reversal'),
      { timeout: 10_000 },
    );
    expect(screen.getByTestId('preauth-result').textContent).toBe(
      '主机 1 秒没有应答，预授权已冲正，卡上没有冻结金额。冲正原因：无应答(98)',
    );
    cleanup();

    const started = t.core.dispatch('preauth:start', { amountFen: 20_000 }) as Promise<
      Result<CardOutcome>
    >;
    await presentCardAndPin(t.core, 'approve');
    const held = await started;
    if (!held.ok || held.value.outcome !== 'approved') throw new Error(JSON.stringify(held));
    await show('en', <Preauth />);
    await user.click(await screen.findByTestId(`preauth-complete-${held.value.transaction.id}`));
    await user.type(screen.getByTestId('preauth-supervisor-password'), SUPERVISOR.password);
    host.faults.garbageNext(1);
    await user.click(screen.getByTestId('preauth-action-submit'));
    await screen.findByTestId('card-wait');
    await padShows(t.core, 'card');
    await ok(t.core, 'pinpad:presentCard', { cardId: 'approve' });
    await waitFor(
      () => expect(screen.getByTestId('preauth-result').dataset.outcome).toBe('reversal'),
      { timeout: 10_000 },
    );
    expect(screen.getByTestId('preauth-result').textContent).toBe(
      "The host's answer could not be read; the completion was reversed, nothing was charged and the pre-authorisation still stands. Reversal reason: no valid answer (98)",
    );
  });

  it('void: the host drops the line (en), then answers with a bad MAC (zh)', async () => {
    till = await cardTill();
    const t = till;
    await supervisorReady(t);
    const sale = await approvedSale(t.core, 4_000);
    const host = await t.host();
    const voidOnce = async (language: Language) => {
      await show(language, <TransactionDetail id={sale.transaction.id} onBack={() => undefined} />);
      const user = userEvent.setup();
      await user.type(await screen.findByTestId('void-supervisor-password'), SUPERVISOR.password);
      await user.click(screen.getByTestId('void-submit'));
      await waitFor(
        () => expect(screen.getByTestId('void-result').dataset.outcome).toBe('reversal'),
        { timeout: 10_000 },
      );
      const text = screen.getByTestId('void-result').textContent;
      cleanup();
      return text;
    };

    host.faults.dropNext(1);
    expect(await voidOnce('en')).toBe(
      'The void failed. The host closed the connection without answering; the void was reversed and the sale still stands. Reversal reason: no valid answer (98)',
    );
    host.faults.mutateNextReply((reply) => {
      const b = Buffer.from(reply);
      b[b.length - 1] = (b[b.length - 1] ?? 0) ^ 0xff;
      return b;
    });
    expect(await voidOnce('zh-CN')).toBe(
      '撤销失败。主机应答的 MAC 校验不符，撤销已冲正，原消费仍然有效。冲正原因：MAC 校验错(A0)',
    );
  });
});
