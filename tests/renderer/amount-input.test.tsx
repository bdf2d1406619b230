import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
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
