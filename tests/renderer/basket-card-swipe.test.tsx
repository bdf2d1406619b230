/**
 * A card swiped through a keyboard-wedge magstripe reader, or its number
 * typed, at the basket's entry field and in an amount field, on a real core.
 * Before the fix the reader's tracks (`%B6222…^ZHANG/SAN^…?;6222…=…?`) stayed
 * in the entry field, were sent to the main side as a scan and searched for,
 * and an amount field named the "barcode" — the card number — in its message.
 * Now the field goes blank from the track's first characters, nothing of it
 * reaches the core, the basket says 这是银行卡数据：请在密码键盘上刷卡或插卡, and
 * nothing is stored.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { AmountInput } from '../../renderer/src/components/AmountInput';
import { createI18n } from '../../renderer/src/i18n';
import { signInCashier, startCore, setUpTerminal, tempDir } from '../support/core';
import { renderApp } from './render-app';

const PAN = '6222021234567894'; // Luhn-valid
const SWIPE = `%B${PAN}^ZHANG/SAN^25121010000000000?;${PAN}=25121010000000000?`;
const CARD_WORDS = '这是银行卡数据：请在密码键盘上刷卡或插卡';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
/** Every input the renderer sent to the core, as text. */
let sent: string[];

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  sent = [];
  const dispatch = core.dispatch.bind(core);
  core.dispatch = (channel, input, call) => {
    sent.push(`${channel} ${JSON.stringify(input)}`);
    return dispatch(channel, input, call);
  };
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

/**
 * Types `text` into the field one key at a time, `gapMs` apart, as a wedge
 * reader or a person does: each key down (with its time stamp), then the
 * character lands in the field. Returns every value the field showed.
 */
function typeInto(input: HTMLInputElement, text: string, gapMs: number, start = performance.now()) {
  const shown: string[] = [];
  [...text].forEach((ch, i) => {
    const e = new KeyboardEvent('keydown', { key: ch, bubbles: true, cancelable: true });
    Object.defineProperty(e, 'timeStamp', { value: start + i * gapMs });
    fireEvent(input, e);
    fireEvent.change(input, { target: { value: input.value + ch } });
    shown.push(input.value);
  });
  const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
  Object.defineProperty(enter, 'timeStamp', { value: start + text.length * gapMs });
  fireEvent(input, enter);
  shown.push(input.value);
  return shown;
}

function storedEverywhere(): string {
  const db = core.internals.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  return tables
    .flatMap((t) =>
      db
        .prepare(`SELECT * FROM "${t.name}"`)
        .all()
        .map((r) => JSON.stringify(r)),
    )
    .join('\n');
}

async function openBasket() {
  await signInCashier(core);
  await renderApp(core, 'zh-CN');
  fireEvent.click(await screen.findByTestId('menu-sale'));
  return (await screen.findByTestId('entry')) as HTMLInputElement;
}

describe('a card at the basket’s entry field', () => {
  it('a wedge swipe never shows its digits, is not sent, and the basket says why', async () => {
    const entry = await openBasket();
    const sentBefore = sent.length;
    const shown = typeInto(entry, SWIPE, 4);
    // From `%B6` on, the field shows nothing of the swipe.
    expect(shown.every((v) => !/\d{2}/.test(v) && !v.includes('ZHANG'))).toBe(true);
    expect(entry.value).toBe('');
    expect((await screen.findByTestId('basket-notice')).textContent).toBe(CARD_WORDS);
    // Give a search its pause: none comes, and no scan either.
    await act(() => new Promise((r) => setTimeout(r, 300)));
    const after = sent.slice(sentBefore).join('\n');
    expect(after).not.toContain(PAN);
    expect(after).not.toMatch(/order:scan|catalogue:search|catalogue:lookup/);
    expect(screen.queryByTestId('line-1')).toBeNull();
    const stored = storedEverywhere();
    for (const s of [PAN, PAN.slice(4, 14), 'ZHANG', '2512101']) expect(stored).not.toContain(s);
  });

  it('a card number typed by hand, grouped, is cleared and never searched for', async () => {
    const entry = await openBasket();
    const sentBefore = sent.length;
    const shown = typeInto(entry, '4111 1111 1111 1111', 120);
    expect(shown.at(-1)).toBe('');
    expect(entry.value).toBe('');
    expect((await screen.findByTestId('basket-notice')).textContent).toBe(CARD_WORDS);
    await act(() => new Promise((r) => setTimeout(r, 200)));
    const after = sent.slice(sentBefore).join('\n');
    expect(after).not.toContain('4111 1111 1111 1111');
    expect(after).not.toContain('4111111111111111');
    expect(after).not.toMatch(/order:scan/);
  });

  it('a typed card number in one run is refused on Enter; a product barcode still scans', async () => {
    const entry = await openBasket();
    typeInto(entry, '4111111111111111', 120);
    expect(entry.value).toBe('');
    expect((await screen.findByTestId('basket-notice')).textContent).toBe(CARD_WORDS);
    expect(sent.join('\n')).not.toContain('4111111111111111');
    // The can of cola's EAN-13, scanned by the wedge scanner: added as ever.
    typeInto(entry, '6901234567892', 4);
    await waitFor(() => expect(screen.getByTestId('line-1').textContent).toContain('可口可乐'));
  });
});

describe('a card at the QR tender’s code field', () => {
  it('a swipe or a grouped number is not paid with, not shown, and the screen says why', async () => {
    await signInCashier(core);
    await renderApp(core, 'zh-CN');
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('{Enter}');
    await screen.findByTestId('basket');
    await user.keyboard('1234+');
    await screen.findByTestId('line-1');
    await user.keyboard('{Enter}');
    await screen.findByTestId('tender-choice');
    await user.keyboard('3');
    const field = (await screen.findByTestId('qr-code-input')) as HTMLInputElement;
    const sentBefore = sent.length;

    const shown = typeInto(field, `;${PAN}=25121010000000000?`, 4);
    expect(shown.every((v) => !/\d{3}/.test(v))).toBe(true);
    expect((await screen.findByTestId('qr-card-refused')).textContent).toBe(CARD_WORDS);
    expect(screen.getByTestId('qr-tender').dataset.phase).toBe('scan');

    const field2 = (await screen.findByTestId('qr-code-input')) as HTMLInputElement;
    typeInto(field2, '6222 0212 3456 7894', 120);
    expect(field2.value).toBe('');
    expect(screen.getByTestId('qr-card-refused').textContent).toBe(CARD_WORDS);
    await act(() => new Promise((r) => setTimeout(r, 200)));
    const after = sent.slice(sentBefore).join('\n');
    expect(after).not.toContain(PAN);
    expect(after).not.toMatch(/payQr|qr:pay/);
  });
});

function AmountHarness() {
  const [fen, setFen] = useState(0);
  return <AmountInput label="amount" testId="amount" valueFen={fen} onChange={setFen} />;
}

describe('a card swiped into an amount field', () => {
  it('puts the amount back and says it was card data, showing none of it', async () => {
    const i18n = await createI18n('zh-CN');
    render(
      <I18nextProvider i18n={i18n}>
        <AmountHarness />
      </I18nextProvider>,
    );
    const input = screen.getByTestId('amount') as HTMLInputElement;
    typeInto(input, SWIPE, 4);
    expect(input.value).toBe('¥0.00');
    expect(screen.getByTestId('amount-card-refused').textContent).toBe(CARD_WORDS);
    expect(screen.queryByTestId('amount-scan-refused')).toBeNull();
    expect(document.body.textContent).not.toContain(PAN.slice(0, 7));
  });
});
