/**
 * A card swiped (keyboard-wedge reader) or its number typed into a text field
 * other than the basket's entry and the QR tender: before, the digits stayed
 * on the screen until the main side refused the save (rules.cardData). Now the
 * page's shield empties the field — a swipe from its first characters, a
 * typed number when the keys rest, at Enter or on leaving the field — says
 * why, and the swipe's Enter does not submit. Real core, whole app, the
 * technician's terminal parameters (99 → 8: the merchant name).
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

const PAN = '6222021234567894'; // Luhn-valid UnionPay number
const SWIPE = `%B${PAN}^ZHANG/SAN^25121010000000000?;${PAN}=25121010000000000?`;

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
/** Every call the page made to the core, as text. */
let sent: string[];

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
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

async function merchantName(language: 'zh-CN' | 'en' = 'zh-CN') {
  await renderApp(core, language);
  await screen.findByTestId('screen-standby');
  await userEvent.keyboard('8');
  const name = (await screen.findByTestId('merchant-name')) as HTMLInputElement;
  await waitFor(() => expect(name.value).toBe('测试便利店'));
  return name;
}

describe('the card-data shield: text fields outside the basket', () => {
  it('a swipe empties the field from its first characters; its Enter saves nothing', async () => {
    const name = await merchantName();
    const user = userEvent.setup();
    await user.clear(name);
    await user.type(name, `${SWIPE}{Enter}`);
    expect(name.value).toBe('');
    expect((await screen.findByTestId('card-data-cleared')).textContent).toContain(
      '这里像是输入了银行卡号或刷了卡，已清除：银行卡请在密码键盘上刷卡或插卡。',
    );
    expect(sent.some((s) => s.includes(PAN) || s.startsWith('setup:save '))).toBe(false);
    await user.click(screen.getByTestId('card-data-cleared-dismiss'));
    expect(screen.queryByTestId('card-data-cleared')).toBeNull();
  });

  it('a card number typed by hand goes when the keys rest; a long code on its way stays', async () => {
    const name = await merchantName('en');
    const user = userEvent.setup();
    await user.clear(name);
    await user.type(name, `Shop ${PAN}`);
    // Judged when typing rests, not digit by digit.
    await waitFor(() => expect(name.value).toBe(''), { timeout: 2_000 });
    expect(screen.getByTestId('card-data-cleared').textContent).toContain(
      'That looked like a card number or a card swipe, so it was cleared',
    );
    // Text with digits that are no card (an EAN-13 with its check digit) is left alone.
    // (Cleared first: the test's typing library keeps its own copy of the value.)
    await user.clear(name);
    await user.type(name, 'Shop 6901234567892');
    fireEvent.blur(name);
    await new Promise((r) => setTimeout(r, 600));
    expect(name.value).toBe('Shop 6901234567892');
  });

  it('a grouped number is caught on leaving the field, before anything is sent', async () => {
    const name = await merchantName();
    const user = userEvent.setup();
    await user.clear(name);
    await user.type(name, '6222 0212 3456 7894');
    fireEvent.blur(name);
    expect(name.value).toBe('');
    await screen.findByTestId('card-data-cleared');
    expect(sent.some((s) => s.includes('6222'))).toBe(false);
  });
});
