/**
 * A card number sent as a channel name over the web shell. Unknown channels
 * are audited with their name (cut to 80 characters); the audit log is in
 * the database, where a card number never goes in clear. Before the fix the
 * name was stored as sent; now any run of 13–19 digits is kept first 6 /
 * last 4, masked before it is cut so a number straddling the cut keeps no
 * more than its first 6 digits either. The caller still gets UNKNOWN_CHANNEL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill;
beforeAll(async () => {
  till = await webTill();
});
afterAll(async () => {
  await till.close();
});

const PAN = '6222021234567890123';

/** Every audit row and log line as text, with the data directory's log files. */
function everythingStored(): string {
  const rows = till.core.internals.db
    .prepare('SELECT * FROM audit_log')
    .all()
    .map((r) => JSON.stringify(r));
  const logs = [till.logFile, join(till.dir, 'data', 'logs', 'test.log')].filter((f) =>
    existsSync(f),
  );
  return [...rows, ...logs.map((f) => readFileSync(f, 'utf8'))].join('\n');
}

describe('web shell: a card number as a channel name', () => {
  it('is audited first 6 / last 4, wherever it sits in the name', async () => {
    const c = await till.client();
    const names = [
      PAN,
      `card:${PAN}`,
      `${'x'.repeat(70)}${PAN}`, // straddles the 80-character cut
      `${'y'.repeat(75)}${PAN}`,
      `a${PAN}b${PAN.slice(0, 16)}`,
    ];
    for (const name of names) {
      expect(await c.call(name, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    const stored = everythingStored();
    expect(stored).toContain('622202*********0123');
    // No run of more than 6 of the card number's leading digits, nor the whole of it.
    expect(stored).not.toContain(PAN.slice(0, 7));
    const detail = till.core.internals.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'access.unknownChannel'")
      .all() as Array<{ detail: string }>;
    expect(detail).toHaveLength(names.length);
    for (const d of detail) {
      const channel = (JSON.parse(d.detail) as { channel: string }).channel;
      expect(channel.length).toBeLessThanOrEqual(80);
      expect(channel).not.toMatch(/\d{7}/);
    }
    c.close();
  });
});
