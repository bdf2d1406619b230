import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLogger } from '../../main/core/logger';
import { createPosCore, type PosCore } from '../../main/core/pos-core';
import type { TrainingLedgerOptions } from '../../main/qr';
import { confEngine } from '../../main/settings/conf-engine';
import { startWebShell, type WebShell } from '../../main/web/server';
import { tempDir } from '../support/core';

export const ROOT = join(import.meta.dirname, '../..');
export const WEB_BUILD = join(ROOT, 'out/web');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The app as a user gets it from `npm run start:web`: the real core (real
 * SQLite, real settings file, production password hashing) behind the real web
 * shell, driven in headless Chromium.
 */
export async function startApp(opts: { qrTraining?: TrainingLedgerOptions } = {}) {
  if (!existsSync(join(WEB_BUILD, 'index.html'))) {
    throw new Error('out/web is missing: run `npm run build:web` first (npm run test:e2e does)');
  }
  const tmp = tempDir('pos-e2e-');
  const dataDir = join(tmp.dir, 'data');
  const logger = createLogger({ file: join(dataDir, 'logs', 'pos.log') });
  const core: PosCore = await createPosCore({
    dataDir,
    settings: confEngine(dataDir),
    version: '0.0.0-e2e',
    logger,
    printRetryDelaysMs: [60_000],
    ...(opts.qrTraining ? { qrTraining: opts.qrTraining } : {}),
  });
  const shell: WebShell = await startWebShell({ core, staticDir: WEB_BUILD, logger });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    // The counter's screen (PRODUCT.md): what the cashier sees, and README's screenshots.
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  const page: Page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(shell.url);
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    core,
    shell,
    page,
    dataDir,
    pageErrors,
    /** The screen as the cashier sees it (1366×768); `fullPage` adds what lies below. */
    async screenshot(name: string, fullPage = false) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
    },
    async close() {
      await browser.close();
      await shell.close();
      await core.close();
      tmp.remove();
    },
  };
}
export type App = Awaited<ReturnType<typeof startApp>>;

/**
 * Switches zh-CN → en on the current screen, checks a word of each language is
 * shown, and switches back. Used on every screen the walk-through visits.
 */
export async function checkLanguageSwitch(page: Page, zh: string, en: string) {
  await page.getByText(zh, { exact: false }).first().waitFor();
  await page.getByTestId('language-switch').click();
  await page.getByText(en, { exact: false }).first().waitFor();
  if ((await page.getByText(zh, { exact: false }).count()) > 0) {
    throw new Error(`"${zh}" still shown after switching to English`);
  }
  await page.getByTestId('language-switch').click();
  await page.getByText(zh, { exact: false }).first().waitFor();
}

/**
 * On a failed step: a screenshot, and what the screen said and the page
 * logged, printed so a CI log alone shows where the app stood.
 */
export async function reportFailure(app: App | undefined, name: string, failed: boolean) {
  if (!failed || !app) return;
  const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await app.screenshot(`FAILED-${slug}`, true).catch(() => undefined);
  const text = await app.page
    .locator('body')
    .innerText({ timeout: 2_000 })
    .then((t) => t.slice(0, 2_000))
    .catch((e: unknown) => `(page unreadable: ${String(e)})`);
  const focused = await app.page
    .locator(':focus')
    .getAttribute('data-testid', { timeout: 1_000 })
    .catch(() => '(nothing with a test id)');
  console.error(
    `[e2e] "${name}" failed. Focus: ${focused}. Page errors: ${JSON.stringify(app.pageErrors)}\n${text}`,
  );
}

/**
 * A cashier's sign-in that opens a shift brings the float screen (issue 15):
 * the float keyed in (digits as on the keypad; none: ¥0.00), Enter, then the standby.
 */
export async function enterFloatOnScreen(page: Page, digits = '') {
  await page.getByTestId('screen-cash-float').waitFor();
  const amount = page.getByTestId('float-amount');
  for (const d of digits) await amount.press(d);
  await amount.press('Enter');
  await page.getByTestId('screen-standby').waitFor();
}

/**
 * Waits until the field has the focus, not only until it shows: the screens
 * focus their field in an effect just after drawing, and a key typed before
 * then (a wedge scan at machine speed) would go elsewhere.
 */
export async function focusOn(page: Page, testId: string) {
  await page.locator(`[data-testid="${testId}"]:focus`).waitFor();
}

/**
 * A keyboard-wedge scanner: the code's keys 4 ms apart by their own time
 * stamps, then Enter, sent over CDP with the time each key "arrived", as a
 * real scanner's keys carry the time the OS received them. Playwright's
 * keyboard.type stamps a key only when the page has handled the one before,
 * so a screen opened by the first digit (1 is the cash key) could stretch the
 * gap past the scanner's 35 ms on a loaded machine and split the scan.
 */
export async function wedgeScanAt(page: Page, code: string) {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...code, 'Enter'];
  for (const [i, key] of keys.entries()) {
    const timestamp = start + (i * 4) / 1000;
    const enter = key === 'Enter';
    const vk = enter ? 13 : key.charCodeAt(0);
    const common = { key, code: enter ? 'Enter' : `Digit${key}`, windowsVirtualKeyCode: vk };
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      ...common,
      text: enter ? '\r' : key,
      timestamp,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common, timestamp });
  }
  await cdp.detach();
}
