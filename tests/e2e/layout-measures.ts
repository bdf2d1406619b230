import { expect } from 'vitest';
import type { Page } from 'playwright-core';

// The page measurements of the 1024×768 walk (layout-1024.e2e.ts).

/**
 * What does not fit the window, measured in the page (a page script: this
 * project's Node type-check has no DOM library). Each finding names the element.
 */
export const AUDIT = `(() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const name = (e) => {
    const id = e.dataset.testid ? '[' + e.dataset.testid + ']' : '';
    const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
    return e.tagName.toLowerCase() + id + cls + ' "' + (e.value || e.textContent || '').trim().slice(0, 16) + '"';
  };
  const meets = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  for (const e of [document.documentElement, document.body])
    if (e.scrollWidth > e.clientWidth) out.push('page scrolls sideways: ' + e.tagName + ' ' + e.scrollWidth + ' > ' + e.clientWidth);
  // Not in a closed <details>, not display:none or visibility:hidden.
  const shown = (e) => e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
  for (const e of document.querySelectorAll('main, main *, .dialog, .dialog *')) {
    if (!shown(e) || e.closest('.pinpad, svg, canvas, [data-testid="chart"]')) continue;
    // Wider than its box: a container or table that scrolls, clips or spills sideways; a cell, label or button whose text is cut.
    const container = e.tagName === 'MAIN' || e.tagName === 'TABLE' || e.parentElement.tagName === 'MAIN' || getComputedStyle(e).overflowX !== 'visible';
    const textual = /^(TD|TH|BUTTON|INPUT|DD|DT|LABEL|SELECT|H1|H2|P|LI)$/.test(e.tagName);
    if ((container || textual) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
      out.push((container ? 'sideways: ' : 'cut: ') + name(e) + ' ' + e.scrollWidth + ' > ' + e.clientWidth);
    const r = e.getBoundingClientRect();
    const leaf = /^(BUTTON|INPUT|SELECT|TEXTAREA|TABLE|TD|TH)$/.test(e.tagName) || e.children.length === 0;
    if (leaf && r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5))
      out.push('off-screen: ' + name(e) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  // Controls on controls. With a dialog open, its own only (the screen behind its
  // backdrop takes no touch); the action row held at the bottom of a long form
  // covers the fields scrolled under it by design. The training PIN pad, drawn
  // over the screen's bottom right, covers none.
  const scope = document.querySelector('.dialog') ? '.dialog' : 'main';
  const controls = [...document.querySelectorAll(scope + ' :is(button, input, select)')]
    .filter((c) => shown(c) && !c.closest('.actions-sticky'))
    .map((c) => [c, c.getBoundingClientRect()]);
  const pad = document.querySelector('.pinpad')?.getBoundingClientRect();
  controls.forEach(([c, r], i) => {
    if (pad && meets(r, pad)) out.push('under the PIN pad: ' + name(c));
    for (const [d, q] of controls.slice(i + 1)) if (meets(r, q)) out.push('overlap: ' + name(c) + ' / ' + name(d));
  });
  // One line per kind of element (each row's cell would repeat it).
  const seen = new Set();
  return out.filter((f) => {
    const key = f.replace(/"[^"]*"/g, '').replace(/\\d+/g, '#');
    return seen.has(key) ? false : (seen.add(key), true);
  });
})()`;

/**
 * 交易查询's list: every row's time and amount cell whole inside the window —
 * not clipped (scrollWidth ≤ clientWidth), not past the right edge — and the
 * date and the clock each on one line. In both languages.
 */
export async function historyCells(page: Page) {
  const check = `(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    const cells = document.querySelectorAll('[data-testid="history-row"] td.when, [data-testid="history-row"] td.money');
    for (const c of cells) {
      const r = c.getBoundingClientRect();
      if (c.scrollWidth > c.clientWidth || r.right > vw || r.left < 0 || r.width === 0)
        out.push('history cell not whole: td.' + c.className + ' "' + c.textContent + '" ' + Math.round(r.left) + '..' + Math.round(r.right));
      for (const s of c.querySelectorAll('span'))
        if (s.getClientRects().length !== 1) out.push('broken over lines: "' + s.textContent + '"');
    }
    // The first row that fails says it (the others would repeat it).
    return cells.length === 0 ? ['no history cells'] : out.filter((f, i) => out.findIndex((g) => g.slice(0, 35) === f.slice(0, 35)) === i);
  })()`;
  const zh = await page.evaluate<string[]>(check);
  await switchTo(page, '中文');
  const en = await page.evaluate<string[]>(check);
  await switchTo(page, 'English');
  return [...zh.map((f) => `(zh) ${f}`), ...en.map((f) => `(en) ${f}`)];
}

/**
 * Switches the language on the header's switch (its click event: a dialog's
 * backdrop lies over it, and the focus stays where the screen has it); the
 * screen is drawn in the new language when the switch names the other.
 */
export async function switchTo(page: Page, shows: string) {
  await page.getByTestId('language-switch').dispatchEvent('click');
  await expect.poll(() => page.getByTestId('language-switch').textContent()).toBe(shows);
}
