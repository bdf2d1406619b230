import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useNow } from '../../renderer/src/components/useNow';
import { ok, startCore, tempDir } from '../support/core';
import { installPos } from './in-process-pos';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  installPos(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('standby clock (issue 18 item 14)', () => {
  it('shows the real time even when the stored app info is 190 s old', async () => {
    const mainNow = async () => new Date((await ok<{ now: string }>(core, 'app:info')).now);
    const stale = new Date((await mainNow()).getTime() - 190_000).toISOString();
    const { result } = renderHook(() => useNow(stale));
    const real = (await mainNow()).getTime();
    await waitFor(() => expect(Math.abs(result.current.getTime() - real)).toBeLessThan(3_000));
  });
});
