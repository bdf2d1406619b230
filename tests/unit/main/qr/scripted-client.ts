import type { GatewayResult, QrGatewayClient } from '../../../../main/qr/gateway-client';
import type { GatewayReply, ReplyStatus } from '../../../../main/qr/protocol';

/**
 * A stand-in for the gateway (the outside world): each operation answers from
 * its script in order, the last entry repeating. An entry is a result or a
 * function producing one, for answers that need to act (advance the clock,
 * press the cashier's cancel) or never come.
 */
export type Step = GatewayResult | (() => GatewayResult | Promise<GatewayResult>);

export interface ScriptedClient extends QrGatewayClient {
  calls: Array<{ op: 'pay' | 'query' | 'cancel' | 'refund'; body: object }>;
  count(op: 'pay' | 'query' | 'cancel' | 'refund'): number;
}

export function scriptedClient(script: {
  pay?: Step[];
  query?: Step[];
  cancel?: Step[];
  refund?: Step[];
}): ScriptedClient {
  const calls: ScriptedClient['calls'] = [];
  const used = { pay: 0, query: 0, cancel: 0, refund: 0 };
  function answer(op: keyof typeof used, body: object): Promise<GatewayResult> {
    calls.push({ op, body });
    const steps = script[op] ?? [];
    const step = steps[Math.min(used[op]++, steps.length - 1)];
    if (step === undefined) throw new Error(`scripted client: no ${op} scripted`);
    return Promise.resolve(typeof step === 'function' ? step() : step);
  }
  return {
    calls,
    count: (op) => calls.filter((c) => c.op === op).length,
    pay: (b) => answer('pay', b),
    query: (b) => answer('query', b),
    cancel: (b) => answer('cancel', b),
    refund: (b) => answer('refund', b),
  };
}

export function reply(status: ReplyStatus, extra: Partial<GatewayReply> = {}): GatewayResult {
  return { kind: 'reply', reply: { status, wallet: 'wechat', ...extra } };
}

export const uncertain = (
  reason: 'timeout' | 'http-5xx' | 'network' | 'bad-reply' = 'timeout',
): GatewayResult => ({ kind: 'uncertain', reason });

export const rejected = (status: number, code?: string): GatewayResult => ({
  kind: 'rejected',
  reason: status === 401 || status === 403 ? 'unauthorized' : 'http-4xx',
  status,
  ...(code !== undefined ? { code } : {}),
});
