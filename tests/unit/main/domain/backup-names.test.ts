import { describe, expect, it } from 'vitest';
import { lastDailyAt, nextDailyAt, parseBackupName } from '../../../../main/domain/backup-names';

const at = (month: number, day: number, hour: number, minute = 0) =>
  new Date(2026, month - 1, day, hour, minute).getTime();

describe('backup file names', () => {
  it('reads time, batch, schema version and kind back from a name', () => {
    expect(parseBackupName('pos-20261124-093000-123-b000001-v6-manual.sqlite')).toEqual({
      at: new Date(2026, 10, 24, 9, 30, 0, 123).getTime(),
      batchNo: '000001',
      version: 6,
      kind: 'manual',
    });
    expect(parseBackupName('pos-20261124-093000-000-v6-safety.sqlite')).toMatchObject({
      batchNo: null,
      kind: 'safety',
    });
  });

  it('ignores anything else in the folder', () => {
    for (const name of [
      'pos-20261124-093000-123-b000001-v6-manual.sqlite.partial',
      'pos-20261124-093000-123-b000001-v6-weekly.sqlite',
      'notes.txt',
      'pos.sqlite',
    ]) {
      expect(parseBackupName(name), name).toBeNull();
    }
  });
});

describe('daily time', () => {
  const daily = { hour: 3, minute: 0 };
  it('is today at 03:00 once that has passed, else yesterday', () => {
    expect(lastDailyAt(at(11, 24, 9, 30), daily)).toBe(at(11, 24, 3));
    expect(lastDailyAt(at(11, 24, 3), daily)).toBe(at(11, 24, 3));
    expect(lastDailyAt(at(11, 24, 2, 59), daily)).toBe(at(11, 23, 3));
    expect(lastDailyAt(at(12, 1, 1), daily)).toBe(at(11, 30, 3));
  });

  it('comes next strictly after now', () => {
    expect(nextDailyAt(at(11, 24, 9, 30), daily)).toBe(at(11, 25, 3));
    expect(nextDailyAt(at(11, 24, 3), daily)).toBe(at(11, 25, 3));
    expect(nextDailyAt(at(11, 24, 2), daily)).toBe(at(11, 24, 3));
    expect(nextDailyAt(at(12, 31, 12), daily)).toBe(new Date(2027, 0, 1, 3).getTime());
  });
});
