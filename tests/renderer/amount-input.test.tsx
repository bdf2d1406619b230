import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../renderer/src/i18n';
import { AmountInput } from '../../renderer/src/components/AmountInput';
import { applyKeypadKey } from '../../renderer/src/components/Keypad';

function Harness({ onEnter, readOnly }: { onEnter?: () => void; readOnly?: boolean }) {
  const [fen, setFen] = useState(0);
  return (
    <AmountInput
      label="amount"
      testId="amount"
      valueFen={fen}
      onChange={setFen}
      onEnter={onEnter}
      readOnly={readOnly}
    />
  );
}

const press = (el: HTMLElement, ...keys: string[]) =>
  keys.forEach((key) => fireEvent.keyDown(el, { key }));

describe('amount entry', () => {
  it('shifts digits in from the right like a bank POS', () => {
    render(<Harness />);
    const input = screen.getByTestId('amount') as HTMLInputElement;
    expect(input.value).toBe('¥0.00');
    press(input, '1', '2', '3', '4');
    expect(input.value).toBe('¥12.34');
    press(input, 'Backspace');
    expect(input.value).toBe('¥1.23');
    press(input, 'a', '.', '-');
    expect(input.value).toBe('¥1.23');
    press(input, 'Delete');
    expect(input.value).toBe('¥0.00');
  });

  it('stops at ¥999,999.99', () => {
    render(<Harness />);
    const input = screen.getByTestId('amount') as HTMLInputElement;
    press(input, ...'99999999999'.split(''));
    expect(input.value).toBe('¥999,999.99');
  });

  it('confirms with Enter and ignores digits when read-only', () => {
    const onEnter = vi.fn();
    render(<Harness onEnter={onEnter} readOnly />);
    const input = screen.getByTestId('amount') as HTMLInputElement;
    press(input, '5', 'Enter');
    expect(input.value).toBe('¥0.00');
    expect(onEnter).toHaveBeenCalledTimes(1);
  });

  it('applies on-screen keypad keys with the same rules', () => {
    expect(applyKeypadKey(12, '3')).toBe(123);
    expect(applyKeypadKey(12, '00')).toBe(1200);
    expect(applyKeypadKey(123, 'back')).toBe(12);
    expect(applyKeypadKey(123, 'clear')).toBe(0);
    expect(applyKeypadKey(123, 'enter')).toBe(123);
  });
});

/** Key downs with the time stamps a person or a wedge scanner would give them. */
function timed(el: HTMLElement, keys: string[], start: number, gapMs: number) {
  return keys.map((key, i) => {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(e, 'timeStamp', { value: start + i * gapMs });
    fireEvent(el, e);
    return e;
  });
}

describe('a scanned code never becomes an amount', () => {
  it('a wedge burst ending in Enter puts the amount back and goes no further, naming the code', async () => {
    const onEnter = vi.fn();
    const i18n = await createI18n('zh-CN');
    render(
      <I18nextProvider i18n={i18n}>
        <Harness onEnter={onEnter} />
      </I18nextProvider>,
    );
    const input = screen.getByTestId('amount') as HTMLInputElement;
    timed(input, ['5', '0', '0'], 1_000, 250); // the cashier keys ¥5.00
    expect(input.value).toBe('¥5.00');
    const keys = timed(input, [...'6901234567892', 'Enter'], 5_000, 8);
    expect(input.value).toBe('¥5.00');
    expect(keys.at(-1)!.defaultPrevented).toBe(true);
    expect(onEnter).not.toHaveBeenCalled();
    expect(screen.getByTestId('amount-scan-refused').textContent).toBe(
      '扫到的是条码 6901234567892，不是金额：金额已恢复，请用键盘输入金额。',
    );
    // The next digit a person keys clears the message and counts as usual.
    timed(input, ['0'], 9_000, 0);
    expect(input.value).toBe('¥50.00');
    expect(screen.queryByTestId('amount-scan-refused')).toBeNull();
  });

  it('the same digits keyed by a person are an amount, and Enter confirms it', () => {
    const onEnter = vi.fn();
    render(<Harness onEnter={onEnter} />);
    const input = screen.getByTestId('amount') as HTMLInputElement;
    timed(input, [...'12345678', 'Enter'], 1_000, 180);
    expect(input.value).toBe('¥123,456.78');
    expect(onEnter).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('amount-scan-refused')).toBeNull();
  });
});
