import { join } from 'node:path';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { spoilPage } from '../support/spoil';
import { renderApp } from './render-app';

/**
 * Damage in the database that the start-up check did not see (a page read
 * for the first time while trading, issue 16): the screen that met it says
 * so, and the app goes to the recovery screen instead of going on answering
 * "internal error" on every call.
 */
let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  tmp?.remove();
});

describe('damage met while trading', () => {
  it('the audit look-back that reads a spoilt page brings the recovery screen', async () => {
    tmp = tempDir();
    const first = (await startCore(tmp.dir)).core;
    await setUpTerminal(first);
    const repos = first.internals.repos;
    const longAgo = new Date(2026, 10, 1, 12).getTime();
    repos.inTransaction(() => {
      for (let i = 0; i < 3000; i++)
        repos.audit.append({ operatorNo: '01', action: 'test.fill', detail: { i } }, longAgo);
    });
    first.internals.db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = first.internals.db.pragma('page_size', { simple: true }) as number;
    const leaves = first.internals.db
      .prepare<[], number>(
        "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY pageno",
      )
      .pluck()
      .all();
    await first.close();

    core = (await startCore(tmp.dir)).core;
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await renderApp(core);
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'audit' });
    await screen.findByTestId('screen-audit');
    fireEvent.change(screen.getByTestId('audit-from'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByTestId('audit-to'), { target: { value: '2026-11-01' } });

    spoilPage(join(tmp.dir, 'pos.sqlite'), leaves[Math.floor(leaves.length / 2)]!, pageSize);
    fireEvent.click(screen.getByTestId('audit-search'));
    expect((await screen.findByTestId('recovery-reason')).textContent).toContain('损坏');
    expect(screen.queryByTestId('screen-audit')).toBeNull();
  });
});
