import { classifyPaymentCode, type PaymentCode } from '../../../../main/domain/qr-code';
import { runQrPayment, type QrPaymentDeps } from '../../../../main/qr/payment-flow';
import type { QrProgress } from '../../../../main/qr/payment-outcome';
import { manualScheduler } from '../../../../main/qr/scheduler';
import { scriptedClient } from './scripted-client';

/** Shared set-up for the payment-flow tests: scripted gateway, instant clock. */
export const T0 = 1_700_000_000_000;
export const ORDER = 'T0000001250307090504000042';
export const payment = classifyPaymentCode('134567890123456786') as PaymentCode;

export function setup(
  script: Parameters<typeof scriptedClient>[0],
  extra: Partial<QrPaymentDeps> = {},
) {
  const client = scriptedClient(script);
  const scheduler = manualScheduler(T0);
  const progress: QrProgress[] = [];
  const run = () =>
    runQrPayment(
      { orderNo: ORDER, payment, amountFen: 1250 },
      { client, scheduler, onProgress: (p) => progress.push(p), ...extra },
    );
  return { client, scheduler, progress, run };
}

export const at = (outcome: { timeline: Array<{ op: string; at: number }> }, op: string) =>
  outcome.timeline.filter((c) => c.op === op).map((c) => c.at - T0);
