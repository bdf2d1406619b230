import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { QrOutcome, TransactionView } from '../../preload/contract';
import { createI18n } from '../../renderer/src/i18n';
import { QrResult } from '../../renderer/src/screens/sale/QrResult';

// A declined QR payment said "支付网关拒绝了这笔支付 (NOTENOUGH)": the wallet's
// code, not why. The screen as drawn for the gateway's answer (no network: the
// gateway's timing under a loaded CI made the whole-flow version flaky).
const tx = {
  amountFen: 300,
  traceNo: '000010',
  qr: { wallet: 'wechat', orderNo: 'T0000001261206032727000010' },
} as unknown as TransactionView;

async function declined(language: 'zh-CN' | 'en', gatewayCode: string) {
  const i18n = await createI18n(language);
  const outcome = {
    outcome: 'declined',
    reason: 'gateway-declined',
    transaction: tx,
    gatewayCode,
  } as unknown as QrOutcome;
  render(
    <I18nextProvider i18n={i18n}>
      <QrResult outcome={outcome} onNext={() => undefined} onStandby={() => undefined} />
    </I18nextProvider>,
  );
  return screen.getByTestId('qr-reason').textContent;
}

describe('a declined QR payment says why in words, the code kept for support', () => {
  it('zh-CN', async () => {
    expect(await declined('zh-CN', 'NOTENOUGH')).toBe(
      '支付网关拒绝了这笔支付：顾客余额不足（NOTENOUGH）',
    );
  });
  it('en', async () => {
    expect(await declined('en', 'NOTENOUGH')).toBe(
      "The payment gateway declined the payment: the customer's balance is too low (NOTENOUGH)",
    );
  });
  it('a code without words still shows, as itself', async () => {
    expect(await declined('zh-CN', 'SOMETHING_NEW')).toBe('支付网关拒绝了这笔支付 (SOMETHING_NEW)');
  });
});
