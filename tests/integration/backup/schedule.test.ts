import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupHarness } from './harness';

type Harness = Awaited<ReturnType<typeof backupHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Local wall-clock time (the daily backup is at 03:00 local). */
const at = (day: number, hour: number, minute = 0) =>
  new Date(2026, 10, day, hour, minute).getTime();

/** A scheduler whose sleeps end only when the test says so. */
function heldScheduler() {
  const sleeps: number[] = [];
  let wake: (() => void) | null = null;
  return {
    sleeps,
    wake() {
      const w = wake;
      wake = null;
      w?.();
    },
    sleep(ms: number, signal?: AbortSignal) {
      sleeps.push(ms);
      return new Promise<void>((resolve) => {
        wake = resolve;
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    },
  };
}

describe('daily backup', () => {
  it('is due once per day after the daily time, manual backups included', async () => {
    h = await backupHarness();
    h.clock.set(at(24, 9, 30));
    expect(h.backups.isDue()).toBe(true);
    const made = await h.backups.runDue();
    expect(made).toMatchObject({ kind: 'scheduled', at: at(24, 9, 30) });
    expect(h.live.core.internals.repos.audit.recent(1)[0]).toMatchObject({
      operatorNo: null,
      action: 'backup.created',
      detail: { kind: 'scheduled' },
    });
    expect(h.backups.isDue()).toBe(false);
    expect(await h.backups.runDue()).toBeNull();
    expect(h.backups.nextDueAt()).toBe(at(25, 3));

    h.clock.set(at(25, 2, 59));
    expect(h.backups.isDue()).toBe(false);
    h.clock.set(at(25, 3));
    expect(h.backups.isDue()).toBe(true);
    await h.backups.backupNow('00'); // a manual one counts for the day
    expect(h.backups.isDue()).toBe(false);
  });

  it('runs on the injected scheduler: at once when missed, then at the next daily time', async () => {
    h = await backupHarness();
    h.clock.set(at(24, 9, 30));
    await h.backups.backupNow('00');
    h.clock.set(at(25, 9, 30)); // the PC was off at 03:00
    const scheduler = heldScheduler();
    h.backups.startSchedule(scheduler);

    await vi.waitFor(() => expect(scheduler.sleeps).toHaveLength(1));
    expect(h.backups.list().map((b) => [b.kind, b.at])).toEqual([
      ['scheduled', at(25, 9, 30)],
      ['manual', at(24, 9, 30)],
    ]);
    expect(scheduler.sleeps[0]).toBe(at(26, 3) - at(25, 9, 30));

    h.clock.set(at(26, 3));
    scheduler.wake();
    await vi.waitFor(() => expect(scheduler.sleeps).toHaveLength(2));
    expect(h.backups.list()[0]).toMatchObject({ kind: 'scheduled', at: at(26, 3) });
    expect(scheduler.sleeps[1]).toBe(at(27, 3) - at(26, 3));

    await h.backups.stop();
    expect(h.backups.list()).toHaveLength(3);
  });

  it('tries a failed scheduled backup again later', async () => {
    h = await backupHarness({ retryMs: 600_000 });
    h.clock.set(at(24, 9, 30));
    writeFileSync(h.dir, 'not a folder'); // the backup folder cannot be made
    const scheduler = heldScheduler();
    h.backups.startSchedule(scheduler);
    await vi.waitFor(() => expect(scheduler.sleeps).toEqual([600_000]));
    expect(h.live.core.internals.repos.audit.recent(1)[0]).toMatchObject({
      action: 'backup.failed',
      detail: { kind: 'scheduled' },
    });

    rmSync(h.dir);
    h.clock.advance(600_000);
    scheduler.wake();
    await vi.waitFor(() => expect(scheduler.sleeps).toHaveLength(2));
    expect(h.backups.list()).toHaveLength(1);
    expect(scheduler.sleeps[1]).toBe(at(25, 3) - at(24, 9, 40));
    await h.backups.stop();
  });
});
