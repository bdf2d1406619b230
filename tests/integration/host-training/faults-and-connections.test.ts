import { afterEach, describe, expect, it } from 'vitest';
import { packBody } from '../../../main/host/iso8583';
import { echoRequest, matchesRequest, replyMacValid } from '../../../main/host/messages';
import type { TrainingHost, TrainingHostEvent } from '../../../main/host/training';
import { IDS, card, expectReply, field, rawConnection, startHost, terminalOn } from './harness';

const hosts: TrainingHost[] = [];
async function start(opts: Parameters<typeof startHost>[0] = {}): Promise<TrainingHost> {
  const h = await startHost(opts);
  hosts.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

describe('fault knobs', () => {
  it('dropNext: closes without replying, acts on nothing, then serves again', async () => {
    const host = await start();
    const t = terminalOn(host);
    await t.signIn();
    host.faults.dropNext(1);
    const dropped = await t.send(t.cardRequest(card('approve')));
    expect(dropped).toMatchObject({ kind: 'no-answer', reason: 'closed' });
    expect(host.ledger()).toEqual([]);
    expect(host.log().at(-1)).toMatchObject({ mti: '0200', responseCode: null });
    expect(field(expectReply(await t.send(t.cardRequest(card('approve')))).message, 39)).toBe('00');
  });

  it('silentNext: keeps the connection open without a reply until the client gives up', async () => {
    const host = await start();
    const t = terminalOn(host);
    host.faults.silentNext(2);
    expect(await t.send(echoRequest(IDS, t.trace()), 300)).toMatchObject({
      kind: 'no-answer',
      reason: 'timeout',
    });
    expect(await t.send(echoRequest(IDS, t.trace()), 300)).toMatchObject({ reason: 'timeout' });
    expect(expectReply(await t.send(echoRequest(IDS, t.trace()))).message.mti).toBe('0830');
  });

  it('garbageNext: answers bytes in a valid length frame that do not parse', async () => {
    const host = await start();
    const t = terminalOn(host);
    host.faults.garbageNext(1);
    expect(await t.send(echoRequest(IDS, t.trace()))).toMatchObject({
      kind: 'no-answer',
      reason: 'malformed',
    });
    expect(expectReply(await t.send(echoRequest(IDS, t.trace()))).message.mti).toBe('0830');
  });

  it('delayNext: acts at once, answers after the delay (a short client timeout misses it)', async () => {
    const host = await start();
    const t = terminalOn(host);
    await t.signIn();
    host.faults.delayNext(2, 400);
    const started = Date.now();
    const slow = expectReply(await t.send(t.cardRequest(card('approve'))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(replyMacValid(slow.body, slow.message, t.keys!.mak)).toBe(true);
    expect(await t.send(t.cardRequest(card('approve')), 100)).toMatchObject({
      reason: 'timeout',
    });
    expect(host.ledger().map((e) => e.state)).toEqual(['approved', 'approved']);
  });

  it('refuseConnections: accepts and destroys every connection while on', async () => {
    const events: TrainingHostEvent[] = [];
    const host = await start({ onEvent: (e) => events.push(e) });
    const t = terminalOn(host);
    host.faults.refuseConnections(true);
    const refused = await t.send(echoRequest(IDS, t.trace()));
    expect(refused.kind).not.toBe('reply');
    expect(events.some((e) => e.kind === 'refused')).toBe(true);
    expect(host.log()).toEqual([]);
    host.faults.refuseConnections(false);
    expect(expectReply(await t.send(echoRequest(IDS, t.trace()))).message.mti).toBe('0830');
  });

  it('rejects nonsense counts instead of quietly disarming', async () => {
    const host = await start();
    expect(() => host.faults.dropNext(-1)).toThrow(RangeError);
    expect(() => host.faults.delayNext(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('connections', () => {
  it('closes after each reply by default', async () => {
    const host = await start();
    const conn = await rawConnection(host);
    const request = echoRequest(IDS, '000001');
    conn.write(packBody(request));
    const reply = await conn.next();
    expect(reply && matchesRequest(request, reply)).toEqual({ ok: true });
    await conn.closed;
  });

  it('keepConnectionOpen: serves several requests on one socket, in order', async () => {
    const host = await start({ keepConnectionOpen: true });
    const conn = await rawConnection(host);
    const first = echoRequest(IDS, '000001');
    const second = echoRequest(IDS, '000002');
    host.faults.delayNext(1, 150); // the first answer is late and must still come first
    conn.write(packBody(first));
    conn.write(packBody(second));
    const r1 = await conn.next();
    const r2 = await conn.next();
    expect(r1 && field(r1, 11)).toBe('000001');
    expect(r2 && field(r2, 11)).toBe('000002');
    expect(conn.socket.destroyed).toBe(false);
    conn.socket.destroy();
    // The real client works against a host that keeps connections open too.
    const t = terminalOn(host);
    await t.signIn();
    expect(field(expectReply(await t.send(t.cardRequest(card('approve')))).message, 39)).toBe('00');
  });

  it('drops a connection that sends a malformed frame and keeps serving others', async () => {
    const events: TrainingHostEvent[] = [];
    const host = await start({ onEvent: (e) => events.push(e) });
    const bad = await rawConnection(host);
    bad.write(Buffer.from([0xff, 0xff, 0x00])); // a body that is not a message
    await bad.closed;
    const huge = await rawConnection(host);
    huge.socket.write(Buffer.from([0xff, 0xff])); // a length no frame of this profile has
    await huge.closed;
    expect(events.filter((e) => e.kind === 'malformed')).toHaveLength(2);
    const t = terminalOn(host);
    expect(expectReply(await t.send(echoRequest(IDS, t.trace()))).message.mti).toBe('0830');
  });

  it('close() ends open connections and frees the port for a new host', async () => {
    let seen: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (seen = resolve));
    const host = await startHost({ onEvent: (e) => e.kind === 'request' && seen() });
    const t = terminalOn(host);
    host.faults.silentNext(1);
    const pending = t.send(echoRequest(IDS, t.trace()), 20_000);
    await arrived; // the request is in and unanswered
    const conn = await rawConnection(host);
    await host.close();
    await host.close(); // idempotent
    expect(await pending).toMatchObject({ kind: 'no-answer', reason: 'closed' });
    await conn.closed;

    const again = await start({ port: host.port });
    expect(again.port).toBe(host.port);
    const t2 = terminalOn(again);
    expect(expectReply(await t2.send(echoRequest(IDS, t2.trace()))).message.mti).toBe('0830');
  });
});
