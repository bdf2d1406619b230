import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpTerminal } from '../support/core';
import { reportFailure, startApp, type App } from './harness';

// In Chromium, with real key events at a wedge reader's speed: a swipe into
// the technician's merchant-name field leaves nothing on the screen, its Enter
// saves nothing, and what is typed afterwards is exactly what shows and is
// saved (the page's state followed the field being emptied).
let app: App;
const PAN = '6222021234567894';
const SWIPE = `%B${PAN}^ZHANG/SAN^25121010000000000?;${PAN}=25121010000000000?`;

beforeAll(async () => {
  app = await startApp();
  await setUpTerminal(app.core);
  await app.page.reload();
});
afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});
afterAll(async () => {
  await app?.close();
});

describe('card data in a text field (the page’s shield)', () => {
  it('a swipe into the merchant name: the field empties, the notice says why, then typing works as ever', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('99');
    await page.getByTestId('password').fill('87654321');
    await page.getByTestId('password').press('Enter');
    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('8');
    const name = page.getByTestId('merchant-name');
    await expect.poll(() => name.inputValue()).toBe('测试便利店');
    await name.fill('');
    await name.pressSequentially(SWIPE, { delay: 2 });
    await name.press('Enter');
    expect(await name.inputValue()).toBe('');
    expect(await page.getByTestId('card-data-cleared').textContent()).toContain(
      '这里像是输入了银行卡号或刷了卡，已清除',
    );
    await page.getByTestId('card-data-cleared-dismiss').click();
    await name.pressSequentially('新店', { delay: 20 });
    expect(await name.inputValue()).toBe('新店');
    await page.getByTestId('setup-save').click();
    // Saved as typed (the terminal parameters' file).
    await expect
      .poll(() => readFileSync(join(app.dataDir, 'terminal.json'), 'utf8'), { timeout: 5_000 })
      .toContain('新店');
    expect(readFileSync(join(app.dataDir, 'terminal.json'), 'utf8')).not.toContain('6222');
  });
});
