import { classifyPaymentCode, makeOrderNo, type PaymentCode } from '../../../main/domain/qr-code';
import { createQrGatewayClient, type QrGatewayConfig } from '../../../main/qr/gateway-client';
import { runQrPayment, type QrPaymentDeps } from '../../../main/qr/payment-flow';
import type { QrProgress } from '../../../main/qr/payment-outcome';
import { manualScheduler } from '../../../main/qr/scheduler';
import {
  startTrainingGateway,
  type TrainingGateway,
  type TrainingGatewayOptions,
} from '../../../main/qr/training-gateway';

export const TOKEN = 'training-token-1';
export const MERCHANT = '898310048160001';
export const TERMINAL = 'T0000001';

/** A WeChat code (18 digits, prefix 13) ending in `digit`, which picks the outcome. */
export function wechatCode(digit: number): PaymentCode {
  return classifyPaymentCode(`13456789012345678${digit}`) as PaymentCode;
}

const AT = { year: 2025, month: 3, day: 7, hour: 9, minute: 5, second: 4 };

export interface Harness {
  gateway: TrainingGateway;
  client: ReturnType<typeof createQrGatewayClient>;
  clientWith(config: Partial<QrGatewayConfig>): ReturnType<typeof createQrGatewayClient>;
  /** A fresh single-use order number (each harness has its own gateway and counter). */
  orderNo(): string;
  /** Real HTTP, instant clock: sleeps jump the manual scheduler forward. */
  pay(
    digit: number,
    opts?: { amountFen?: number; orderNo?: string } & Partial<QrPaymentDeps>,
  ): Promise<Awaited<ReturnType<typeof runQrPayment>> & { progress: QrProgress[] }>;
}

export async function startHarness(
  options: Partial<TrainingGatewayOptions> = {},
  clientConfig: Partial<QrGatewayConfig> = {},
): Promise<Harness> {
  const gateway = await startTrainingGateway({ token: TOKEN, ...options });
  const clientWith = (config: Partial<QrGatewayConfig>) =>
    createQrGatewayClient({
      baseUrl: gateway.baseUrl,
      token: TOKEN,
      merchant: MERCHANT,
      terminal: TERMINAL,
      ...clientConfig,
      ...config,
    });
  const client = clientWith({});
  let trace = 0;
  const nextOrderNo = () => makeOrderNo(TERMINAL, AT, String(++trace).padStart(6, '0'));
  return {
    orderNo: nextOrderNo,
    gateway,
    client,
    clientWith,
    async pay(digit, opts = {}) {
      const progress: QrProgress[] = [];
      const { amountFen = 1250, orderNo: no = nextOrderNo(), ...deps } = opts;
      const outcome = await runQrPayment(
        { orderNo: no, payment: wechatCode(digit), amountFen },
        {
          client,
          scheduler: manualScheduler(1_700_000_000_000),
          ...deps,
          onProgress: (p) => {
            progress.push(p);
            deps.onProgress?.(p);
          },
        },
      );
      return { ...outcome, progress };
    },
  };
}
