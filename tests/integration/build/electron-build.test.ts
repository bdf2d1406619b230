import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The Electron binary can't run here, but its build can: `npm start` depends on
// these artifacts being right, so check the ones that would break at launch.
const root = join(import.meta.dirname, '../../..');
const out = (p: string) => readFileSync(join(root, 'out', p), 'utf8');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
}, 120_000);

describe('the Electron build', () => {
  it('bundles the sandboxed preload so it requires nothing but electron', () => {
    const preload = out('preload/index.cjs');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('points main at the preload and the app:// renderer, with the security baseline', () => {
    const main = out('main/index.js');
    expect(main).toContain('preload/index.cjs');
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
    expect(main).toMatch(/webSecurity:\s*true/);
    expect(main).toContain('setWindowOpenHandler');
    expect(main).toContain('app://pos');
  });

  it('builds a renderer page with no inline script (the CSP allows only its own files)', () => {
    const html = out('renderer/index.html');
    expect(html).toMatch(
      /<script type="module" crossorigin src="\.?\/assets\/index-[\w-]+\.js"><\/script>/,
    );
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('names the built main in package.json so `electron .` starts it', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });
});
