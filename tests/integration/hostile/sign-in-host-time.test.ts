import { describe, expect, it } from 'vitest';
import { hostTimeOf } from '../../../main/services/cards/host-service';

/**
 * The host's date and time in the sign-in reply (fields 13 MMDD, 12 hhmmss,
 * no year), shown to the operator for confirmation and audited: read in the
 * year nearest the terminal's clock, and an impossible value is no time.
 */

const reply = (mmdd: string, hhmmss: string) => ({
  mti: '0810',
  fields: new Map<number, string>([
    [12, hhmmss],
    [13, mmdd],
  ]),
});
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) =>
  new Date(y, mo - 1, d, h, mi, s).getTime();

describe('host time from the sign-in reply', () => {
  it('the same day: as sent', () => {
    expect(hostTimeOf(reply('0615', '103000'), local(2026, 6, 15, 10, 29))).toBe(
      local(2026, 6, 15, 10, 30),
    );
  });

  it('terminal already in the new year, host still on 31 December: last year, not next December', () => {
    expect(hostTimeOf(reply('1231', '235959'), local(2027, 1, 1, 0, 0, 30))).toBe(
      local(2026, 12, 31, 23, 59, 59),
    );
  });

  it('host already in the new year, terminal still on 31 December: next year', () => {
    expect(hostTimeOf(reply('0101', '000010'), local(2026, 12, 31, 23, 59, 50))).toBe(
      local(2027, 1, 1, 0, 0, 10),
    );
  });

  it('29 February read in the leap year nearest', () => {
    expect(hostTimeOf(reply('0229', '120000'), local(2028, 2, 29, 11))).toBe(
      local(2028, 2, 29, 12),
    );
  });

  it.each([
    ['month 13', '1301', '120000'],
    ['31 February', '0231', '120000'],
    ['25 o’clock', '0615', '250000'],
    ['minute 61', '0615', '126100'],
    ['month 00', '0015', '120000'],
  ])('%s: no time (not rolled over into another date)', (_, mmdd, hhmmss) => {
    expect(hostTimeOf(reply(mmdd, hhmmss), local(2026, 6, 15))).toBeNull();
  });
});
