import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashPoint, CRASH_POINT_ENV } from '../../../../main/core/crash-point';

const MODULE = join(import.meta.dirname, '../../../../main/core/crash-point.ts');

/** Runs a process that reaches `commit:after` three times, with `spec` armed (or nothing). */
function reach(spec: string | undefined) {
  const script = `const { crashPoint } = await import(${JSON.stringify(MODULE)});
for (let i = 1; i <= 3; i++) { crashPoint('commit:after'); crashPoint('print:sent'); console.log('passed', i); }`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, [CRASH_POINT_ENV]: spec ?? '' },
    encoding: 'utf8',
  });
}

describe('crash points (the fault suite’s kills at named instants)', () => {
  it('unarmed, a crash point does nothing', () => {
    const r = reach(undefined);
    expect(r.signal).toBeNull();
    expect(r.stdout.trim().split('\n')).toEqual(['passed 1', 'passed 2', 'passed 3']);
    // This process is unarmed too: reaching a point here is harmless.
    expect(() => crashPoint('commit:before')).not.toThrow();
  }, 30_000);

  it('armed "name:hits", the process is killed (SIGKILL) at exactly that hit and says so', () => {
    const r = reach('commit:after:2');
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout.trim()).toBe('passed 1');
    expect(r.stderr).toContain('CRASH-POINT commit:after 2');
  }, 30_000);

  it('a misspelt point or hit count is refused at start, naming it (zh/en)', () => {
    for (const bad of ['commit:afterr:1', 'commit:after:0', 'commit:after']) {
      const r = reach(bad);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('崩溃点无效 / not a crash point');
    }
  }, 30_000);
});
