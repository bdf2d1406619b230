import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { createLogger } from '../../main/core/logger';
import { createPosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import { startWebShell } from '../../main/web/server';
import { SETUP, setUpTerminal, tempDir } from '../support/core';

const ROOT = join(import.meta.dirname, '../..');
const WEB_BUILD = join(ROOT, 'out/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs in the page before its own code: notes when the operator field gets focus. */
const FOCUS_PROBE = `document.addEventListener('focusin', (e) => {
  if (e.target.dataset && e.target.dataset.testid === 'operator-no') window.focusedAt = performance.now();
}, true);`;

export interface WebStartResult {
  /** ms from navigation start to the operator number field having focus, per cold start. */
  samples: number[];
  /** Per cold start: the same with the browser's cache warm (a reload). */
  warmSamples: number[];
  /** What the page fetched before the field had focus (the first cold start). */
  files: Array<{ url: string; encoding: string; wireBytes: number; gzipBytes: number }>;
}

/**
 * The web shell's start as a cashier sees it: headless Chromium opens the
 * printed URL of a set-up terminal and the time is taken (in the page, from
 * navigation start) when the sign-in's operator field gets focus. Each cold
 * start is a new browser context (empty cache); each is followed by a reload
 * (hashed assets from the cache). Needs `npm run build:web`.
 */
export async function benchWebStart(runs: number): Promise<WebStartResult> {
  if (!existsSync(join(WEB_BUILD, 'index.html')))
    throw new Error('out/web is missing: run `npm run build:web` first');
  const tmp = tempDir('pos-bench-web-');
  const dataDir = join(tmp.dir, 'data');
  const logger = createLogger({ level: 'error' });
  const core = await createPosCore({
    dataDir,
    settings: confEngine(dataDir),
    version: 'bench',
    logger,
  });
  await setUpTerminal(core, SETUP);
  const shell = await startWebShell({ core, staticDir: WEB_BUILD, logger });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
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
        '--disable-extensions',
        '--disable-default-apps',
      ],
    });
    const result: WebStartResult = { samples: [], warmSamples: [], files: [] };
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      // Timed inside the page: navigation start → the sign-in field focused.
      await context.addInitScript(FOCUS_PROBE);
      const page = await context.newPage();
      const fetched: Array<Promise<WebStartResult['files'][number] | null>> = [];
      let started = true;
      page.on('response', (response) => {
        if (!started || run > 0) return;
        fetched.push(
          (async () => {
            const sizes = await response.request().sizes();
            const body = await response.body().catch(() => null);
            if (!body) return null;
            return {
              url: new URL(response.url()).pathname,
              encoding: (await response.headerValue('content-encoding')) ?? 'identity',
              wireBytes: sizes.responseBodySize,
              gzipBytes: gzipSync(body, { level: 9 }).length,
            };
          })(),
        );
      });
      // (Functions, not strings: the page's CSP forbids eval. They run in the page.)
      const focused = async () => {
        await page.waitForFunction(
          () => (globalThis as { focusedAt?: number }).focusedAt !== undefined,
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        return page.evaluate(() => (globalThis as { focusedAt?: number }).focusedAt ?? Number.NaN);
      };
      await page.goto(shell.url);
      result.samples.push(await focused());
      started = false;
      if (run === 0)
        result.files = (await Promise.all(fetched)).filter(
          (f): f is WebStartResult['files'][number] => f !== null,
        );
      await page.reload();
      result.warmSamples.push(await focused());
      await context.close();
    }
    return result;
  } finally {
    await browser?.close();
    await shell.close();
    await core.close();
    tmp.remove();
  }
}
