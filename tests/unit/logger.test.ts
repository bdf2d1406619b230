import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../main/core/logger';
import { tempDir } from '../support/core';

describe('logger', () => {
  it('masks any card-number-like digit run to first 6 / last 4', () => {
    expect(redact('pan 6222021234567890123 ok')).toBe('pan 622202*********0123 ok');
    expect(redact('trace 000123 amount 1234')).toBe('trace 000123 amount 1234');
  });

  it('masks grouped card numbers and swiped track data too', () => {
    expect(redact('card 6222 0212 3456 7894 read')).toBe('card 622202******7894 read');
    expect(redact('"code":"4111-1111-1111-1111"')).toBe('"code":"411111******1111"');
    const swipe = '%B6222021234567890^ZHANG/SAN^2512101000?;6222021234567890=2512101000?';
    const masked = redact(JSON.stringify({ code: swipe }));
    expect(masked).toBe('{"code":"622202******7890622202******7890"}');
    expect(masked).not.toContain('ZHANG');
    expect(redact('at 2026-12-06 09:30, 24 罐')).toBe('at 2026-12-06 09:30, 24 罐');
  });

  it('never writes a full card number to the log file', () => {
    const t = tempDir();
    const file = join(t.dir, 'pos.log');
    const log = createLogger({ file });
    log.info('card read', { pan: '6222021234567890123' });
    log.warn('scan refused', {
      code: ';6222021234567890=2512101000?',
      typed: '4111 1111 1111 1111',
    });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\d{11,}|\d{4} \d{4} \d{4}|=2512/);
    expect(text).toContain('411111******1111');
    expect(text).not.toContain('6222021234567890123');
    expect(text).toContain('622202*********0123');
    t.remove();
  });
});
