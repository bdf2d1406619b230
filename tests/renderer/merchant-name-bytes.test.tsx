import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { gb18030Length } from '../../renderer/src/lib/gb18030';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Issue 18 item 18: the merchant name's GB18030 byte limit showed only after
// every other field of the terminal parameters passed. It shows as it is typed.
describe('the page counts GB18030 bytes as the printer encoder does', () => {
  it('agrees with iconv-lite on every character of the BMP and beyond', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (gb18030Length(ch) !== iconv.encode(ch, 'gb18030').length) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
    expect(gb18030Length('测试 Shop 😀')).toBe(iconv.encode('测试 Shop 😀', 'gb18030').length);
  });
});

describe('terminal parameters: the merchant name byte check (item 18)', () => {
  let core: PosCore;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  });
  afterEach(async () => {
    await core.close();
    tmp.remove();
  });

  it('shows live while typing, and together with the other fields’ errors on save', async () => {
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('8');
    const name = (await screen.findByTestId('merchant-name')) as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('测试便利店'));
    expect(screen.queryByTestId('field-error-merchantName')).toBeNull();
    // 25 Chinese characters = 50 bytes: over the limit before anything is saved.
    await user.clear(name);
    await user.type(name, '测试便利店'.repeat(5));
    expect(screen.getByTestId('field-error-merchantName').textContent).toBe(
      '最多 40 字节（GB18030 编码，汉字占 2 字节），现在 50 字节',
    );
    const number = screen.getByTestId('merchant-number') as HTMLInputElement;
    await user.clear(number);
    await user.type(number, '12345');
    await user.click(screen.getByTestId('setup-save'));
    await screen.findByTestId('field-error-merchantNumber');
    expect(screen.getByTestId('field-error-merchantName').dataset.rule).toBe('merchantNameBytes');
    // Back under the limit: the error goes as the name is shortened.
    await user.clear(name);
    await user.type(name, '测试便利店 Test Shop');
    expect(screen.queryByTestId('field-error-merchantName')).toBeNull();
    expect(screen.getByTestId('field-error-merchantNumber')).toBeTruthy();
  });
});
