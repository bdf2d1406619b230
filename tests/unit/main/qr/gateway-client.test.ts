import { describe, expect, it } from 'vitest';
import {
  createQrGatewayClient,
  interpret,
  type FetchLike,
} from '../../../../main/qr/gateway-client';

const config = {
  baseUrl: 'http://gw.test/v1/',
  token: 'secret',
  merchant: '123456789012345',
  terminal: 'T0000001',
};

function fakeFetch(answer: (url: string, init: RequestInit) => Promise<Response>) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchLike = (url, init) => {
    seen.push({ url, init });
    return answer(url, init);
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('QR gateway client', () => {
  it('posts each endpoint with the bearer token and the right body', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, { status: 'SUCCESS', wallet: 'alipay' }));
    const client = createQrGatewayClient(config, { fetch });
    await client.pay({ orderNo: 'O1', authCode: '281234567890123456', amountFen: 100 });
    await client.query({ orderNo: 'O1' });
    await client.cancel({ orderNo: 'O1' });
    await client.refund({ orderNo: 'O1', refundNo: 'R1', amountFen: 40 });
    expect(seen.map((s) => s.url)).toEqual([
      'http://gw.test/v1/pay',
      'http://gw.test/v1/query',
      'http://gw.test/v1/cancel',
      'http://gw.test/v1/refund',
    ]);
    const ref = { merchant: config.merchant, terminal: config.terminal, orderNo: 'O1' };
    expect(seen.map((s) => JSON.parse(s.init.body as string) as unknown)).toEqual([
      { ...ref, authCode: '281234567890123456', amountFen: 100 },
      ref,
      ref,
      { ...ref, refundNo: 'R1', amountFen: 40 },
    ]);
    const first = seen[0]?.init;
    expect(first?.method).toBe('POST');
    expect(first?.redirect).toBe('manual');
    expect((first?.headers as Record<string, string>).authorization).toBe('Bearer secret');
  });

  it('returns a validated reply and drops unknown fields', async () => {
    const { fetch } = fakeFetch(() =>
      json(200, { status: 'USERPAYING', wallet: 'wechat', code: 'USERPAYING', extra: 1 }),
    );
    const result = await createQrGatewayClient(config, { fetch }).query({ orderNo: 'O1' });
    expect(result).toEqual({
      kind: 'reply',
      reply: { status: 'USERPAYING', wallet: 'wechat', code: 'USERPAYING' },
    });
  });

  it('calls a timeout uncertain', async () => {
    const { fetch } = fakeFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        }),
    );
    const client = createQrGatewayClient({ ...config, timeoutMs: 20 }, { fetch });
    expect(await client.pay({ orderNo: 'O1', authCode: '1', amountFen: 1 })).toEqual({
      kind: 'uncertain',
      reason: 'timeout',
    });
  });

  it('calls a connection failure uncertain, never throwing', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    expect(await createQrGatewayClient(config, { fetch }).cancel({ orderNo: 'O1' })).toEqual({
      kind: 'uncertain',
      reason: 'network',
    });
  });

  it.each([
    [500, '{"code":"SYSTEMERROR"}', { kind: 'uncertain', reason: 'http-5xx', httpStatus: 500 }],
    [503, '', { kind: 'uncertain', reason: 'http-5xx', httpStatus: 503 }],
    [200, 'not json', { kind: 'uncertain', reason: 'bad-reply', httpStatus: 200 }],
    [
      200,
      '{"status":"PAID","wallet":"wechat"}',
      { kind: 'uncertain', reason: 'bad-reply', httpStatus: 200 },
    ],
    [200, '{"status":"SUCCESS"}', { kind: 'uncertain', reason: 'bad-reply', httpStatus: 200 }],
    [302, '', { kind: 'uncertain', reason: 'bad-reply', httpStatus: 302 }],
    [
      401,
      '{"code":"UNAUTHORIZED"}',
      { kind: 'rejected', reason: 'unauthorized', status: 401, code: 'UNAUTHORIZED' },
    ],
    [403, 'nope', { kind: 'rejected', reason: 'unauthorized', status: 403 }],
    [
      400,
      '{"code":"BAD_REQUEST","message":"m"}',
      { kind: 'rejected', reason: 'http-4xx', status: 400, code: 'BAD_REQUEST', message: 'm' },
    ],
    [
      404,
      '{"code":"ORDER_NOT_FOUND"}',
      { kind: 'rejected', reason: 'http-4xx', status: 404, code: 'ORDER_NOT_FOUND' },
    ],
  ] as const)('maps HTTP %i %s', (status, body, expected) => {
    expect(interpret(status, body)).toEqual(expected);
  });
});
