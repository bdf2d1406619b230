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

  it('never writes a full card number to the log file', () => {
    const t = tempDir();
    const file = join(t.dir, 'pos.log');
    const log = createLogger({ file });
    log.info('card read', { pan: '6222021234567890123' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('6222021234567890123');
    expect(text).toContain('622202*********0123');
    t.remove();
  });
});
