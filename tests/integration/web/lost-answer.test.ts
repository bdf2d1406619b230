import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { RequestOutcome, Result } from '../../../preload/contract';
import { contractShape } from '../../../preload/api-shape';
import { createPosApi } from '../../../preload/api';
import { createWebTransport } from '../../../preload/web-transport';
import { createLogger } from '../../../main/core/logger';
import type { PosCore } from '../../../main/core/pos-core';
import { startWebShell, type WebShell } from '../../../main/web/server';
import { ok, tempDir, cashierIn } from '../../support/core';
import { startCuttingProxy } from '../../support/cutting-proxy';
import { cardTill, padShows, type CardTill } from '../cards/harness';

/**
 * A lost answer (issue 16): the renderer's own API and web transport
 * (preload/api.ts, preload/web-transport.ts) against the real web shell,
 * through a relay the test cuts like a pulled cable. A state-changing call
 * is answered exactly once per request id; after a cut the renderer asks for
 * the outcome before it says anything, and "not carried out" only comes when
 * the terminal knows nothing was done.
 */
let till: CardTill | null = null;
let shell: WebShell | null = null;
let proxy: Awaited<ReturnType<typeof startCuttingProxy>> | null = null;
const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(async () => {
  await proxy?.close();
  await shell?.close();
  await till?.remove();
  till = null;
  shell = null;
  proxy = null;
  for (const d of dirs.splice(0)) d.remove();
});

async function setup(recoverForMs = 10_000) {
  till = await cardTill();
  shell = await startWebShell({
    core: till.core,
    staticDir: till.dir,
    logger: createLogger({ file: join(till.dir, 'logs', 'web.log') }),
  });
  proxy = await startCuttingProxy(shell.port);
  const url = `ws://127.0.0.1:${proxy.port}/api?token=${shell.token}`;
  const api = createPosApi(
    createWebTransport({
      url,
      open: (u) => {
        // Through the relay, as if straight to the shell (its Host/Origin check names its own port).
        const self = `127.0.0.1:${shell!.port}`;
        const ws = new WebSocket(u, { headers: { host: self, origin: `http://${self}` } });
        ws.on('error', () => undefined); // a browser socket reports errors by closing, as here
        return ws;
      },
      reconnectMs: 50,
    }),
    contractShape(),
    { recoverForMs, retryMs: 50 },
  );
  return { api, core: till.core };
}

const count = (core: PosCore, sql: string) =>
  core.internals.db.prepare(sql).pluck().get() as number;

describe('a lost answer over the web shell', () => {
  it('cash sale whose answer is cut off: the renderer gets the recorded outcome, one sale', async () => {
    const { api, core } = await setup();
    proxy!.cutNextReply();
    const r = await api.sale.cash({ amountFen: 1_234, tenderedFen: 2_000 });
    expect(proxy!.cuts()).toBe(1);
    expect(r).toMatchObject({
      ok: true,
      value: { transaction: { amountFen: 1_234, changeFen: 766 } },
    });
    expect(count(core, 'SELECT count(*) FROM transactions')).toBe(1);
    const row = core.internals.db
      .prepare(
        'SELECT t.request_id, o.state FROM transactions t JOIN request_outcomes o USING (request_id)',
      )
      .get();
    expect(row).toEqual({ request_id: expect.stringMatching(/^[0-9a-f]{32}$/), state: 'done' });
  });

  it('a call that never reached the terminal: "not carried out" only once the terminal says so', async () => {
    const { api, core } = await setup();
    proxy!.cutAll(true); // unreachable…
    setTimeout(() => proxy!.up(), 300); // …for a moment
    const r = await api.sale.cash({ amountFen: 500, tenderedFen: 500 });
    expect(r).toEqual({ ok: false, error: { code: 'CONNECTION_LOST' } });
    expect(count(core, 'SELECT count(*) FROM transactions')).toBe(0);
  });

  it('the terminal stays unreachable: OUTCOME_UNKNOWN, never "not affected" — and the sale did happen', async () => {
    const { api, core } = await setup(400);
    proxy!.cutNextReply({ thenDown: true });
    const sold = api.sale.cash({ amountFen: 800, tenderedFen: 1_000 });
    expect(await sold).toEqual({ ok: false, error: { code: 'OUTCOME_UNKNOWN' } });
    expect(count(core, 'SELECT count(*) FROM transactions')).toBe(1);
    // Once the till can be reached, the answer is there to be asked for.
    proxy!.up();
    const id = core.internals.db.prepare('SELECT request_id FROM transactions').pluck().get();
    expect(await api.app.outcome({ requestId: String(id) })).toMatchObject({
      ok: true,
      value: { state: 'done', result: { ok: true } },
    });
  });

  it('card sale: the connection drops while the customer is at the PIN pad; the answer is the approval', async () => {
    const { api, core } = await setup();
    const sale = api.card.sale({ amountFen: 6_600 });
    await padShows(core, 'card');
    proxy!.cutAll(); // the renderer reconnects and asks; the terminal is still waiting for the card
    await ok(core, 'pinpad:presentCard', { cardId: 'approve' });
    await padShows(core, 'pin');
    for (const key of '123456') await ok(core, 'pinpad:key', { key });
    await ok(core, 'pinpad:key', { key: 'enter' });
    const r = (await sale) as Result<{ outcome: string }>;
    expect(r).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(count(core, "SELECT count(*) FROM transactions WHERE state = 'approved'")).toBe(1);
    expect((await till!.host()).ledger()).toHaveLength(1);
  });
});

describe('request ids at the router', () => {
  it('a repeat is answered from the record and changes nothing; an id is not reused for another channel', async () => {
    till = await cardTill();
    const { core } = till;
    const requestId = 'a1'.repeat(16);
    const first = await core.dispatch(
      'sale:cash',
      { amountFen: 300, tenderedFen: 500 },
      { requestId },
    );
    const again = await core.dispatch(
      'sale:cash',
      { amountFen: 300, tenderedFen: 500 },
      { requestId },
    );
    expect(again).toEqual(first);
    expect(count(core, 'SELECT count(*) FROM transactions')).toBe(1);
    expect(await core.dispatch('print:reprint', { txId: 1 }, { requestId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'requestId', rule: 'requestIdReused' }] },
    });
    // Parallel repeats of one id run it once.
    const id2 = 'b2'.repeat(16);
    const both = await Promise.all([
      core.dispatch('sale:cash', { amountFen: 400, tenderedFen: 400 }, { requestId: id2 }),
      core.dispatch('sale:cash', { amountFen: 400, tenderedFen: 400 }, { requestId: id2 }),
    ]);
    expect(both[0]).toEqual(both[1]);
    expect(count(core, 'SELECT count(*) FROM transactions')).toBe(2);
  });

  it('a call cut short by a power cut: the outcome says interrupted and names its voucher', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    const { core } = till;
    const requestId = 'c3'.repeat(16);
    const sale = core.dispatch('card:sale', { amountFen: 4_200 }, { requestId });
    await padShows(core, 'card');
    await ok(core, 'pinpad:presentCard', { cardId: 'no-reply' });
    await padShows(core, 'pin');
    for (const key of '123456') await ok(core, 'pinpad:key', { key });
    await ok(core, 'pinpad:key', { key: 'enter' });
    await vi.waitFor(() =>
      expect(count(core, "SELECT count(*) FROM transactions WHERE state = 'pending'")).toBe(1),
    );
    // The disk at this instant is what a power cut leaves behind.
    const snapshot = tempDir('pos-cut-');
    dirs.push(snapshot);
    mkdirSync(snapshot.dir, { recursive: true });
    cpSync(till.dir, snapshot.dir, { recursive: true, filter: (src) => !/pos\.sqlite/.test(src) });
    core.internals.db.exec(`VACUUM INTO '${join(snapshot.dir, 'pos.sqlite')}'`);
    await sale;

    const after = await cardTill({ dir: snapshot.dir, printer: till.printer });
    try {
      const o = await ok<RequestOutcome>(after.core, 'app:outcome', { requestId });
      expect(o).toEqual({ state: 'interrupted', vouchers: ['000001/000002'] });
      await cashierIn(after.core);
      const repeat = await after.core.dispatch('card:sale', { amountFen: 4_200 }, { requestId });
      expect(repeat).toEqual({
        ok: false,
        error: { code: 'REQUEST_INTERRUPTED', params: { count: 1, vouchers: '000001/000002' } },
      });
      expect(count(after.core, 'SELECT count(*) FROM transactions')).toBe(1);
    } finally {
      await after.stop();
    }
  });
});
