import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScannerPanel } from '../../renderer/src/components/ScannerPanel';
import { createI18n } from '../../renderer/src/i18n';

const CODES = [
  {
    id: 'wechat-success',
    nameZh: '微信：支付成功',
    nameEn: 'WeChat Pay: paid',
    code: '134567890123456780',
  },
  {
    id: 'invalid',
    nameZh: '无效付款码（被拒绝）',
    nameEn: 'Not a payment code (refused)',
    code: '123456',
  },
];

/** Just the corner of window.pos the panel uses. */
function fakePos(simulated: boolean, simulateResult: unknown = { ok: true, value: {} }) {
  const simulate = vi.fn(() => Promise.resolve(simulateResult));
  const pos = {
    scanner: {
      panel: vi.fn(() =>
        Promise.resolve({ ok: true, value: { simulated, codes: simulated ? CODES : [] } }),
      ),
      simulate,
    },
  };
  (window as unknown as { pos: unknown }).pos = pos;
  return pos;
}

async function renderIn(language: 'zh-CN' | 'en') {
  const i18n = await createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <ScannerPanel />
    </I18nextProvider>,
  );
}

afterEach(() => {
  delete (window as unknown as { pos?: unknown }).pos;
});

describe('simulated scanner panel', () => {
  it('lists the training codes in Chinese and scans the one pressed', async () => {
    const pos = fakePos(true);
    await renderIn('zh-CN');
    const button = await screen.findByTestId('scanner-code-wechat-success');
    expect(screen.getByTestId('scanner-panel').getAttribute('aria-label')).toBe('扫码枪（模拟）');
    expect(button.textContent).toContain('微信：支付成功');
    expect(button.textContent).toContain('134567890123456780');
    await userEvent.click(screen.getByTestId('scanner-code-invalid'));
    expect(pos.scanner.simulate).toHaveBeenCalledWith({ codeId: 'invalid' });
  });

  it('speaks English when asked', async () => {
    fakePos(true);
    await renderIn('en');
    expect((await screen.findByTestId('scanner-code-invalid')).textContent).toContain(
      'Not a payment code (refused)',
    );
    expect(screen.getByText('Scanner (simulated)')).toBeTruthy();
  });

  it('shows an error the scanner refused in words', async () => {
    fakePos(true, { ok: false, error: { code: 'FORBIDDEN' } });
    await renderIn('zh-CN');
    await userEvent.click(await screen.findByTestId('scanner-code-wechat-success'));
    expect((await screen.findByTestId('scanner-error')).textContent).toContain(
      '当前操作员无权执行此操作',
    );
  });

  it('shows nothing unless the scanner is the simulated one', async () => {
    const pos = fakePos(false);
    const { container } = await renderIn('zh-CN');
    await waitFor(() => expect(pos.scanner.panel).toHaveBeenCalled());
    expect(container.innerHTML).toBe('');
  });
});
