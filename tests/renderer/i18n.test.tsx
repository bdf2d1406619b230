import { describe, expect, it } from 'vitest';
import { createI18n, loadAllWords } from '../../renderer/src/i18n';
import { errorText, fieldIssueText } from '../../renderer/src/lib/error-text';

describe('languages', () => {
  it('starts in Chinese, switches to English and remembers the choice', async () => {
    const i18n = await createI18n();
    expect(i18n.language).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.t('standby.sale')).toBe('消费');
    await i18n.changeLanguage('en');
    expect(i18n.t('standby.sale')).toBe('Sale');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('pos.language')).toBe('en');
    expect((await createI18n()).language).toBe('en');
  });

  it('words errors and field rules with their values', async () => {
    const i18n = await createI18n('zh-CN');
    expect(
      errorText(i18n.t, { code: 'WRONG_PASSWORD', params: { operatorNo: '01', attemptsLeft: 3 } }),
    ).toBe('密码错误，还可尝试 3 次。');
    const locked = errorText(i18n.t, {
      code: 'OPERATOR_LOCKED',
      params: { operatorNo: '01', until: '2026-11-24T02:15:00.000Z' },
    });
    const local = new Date('2026-11-24T02:15:00.000Z');
    const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(locked).toBe(`操作员 01 已被锁定，请在 ${hhmm} 后重试，或请主管解锁。`);
    expect(fieldIssueText(i18n.t, { field: 'merchantNumber', rule: 'merchantNumber' })).toBe(
      '商户号: 必须是 15 位数字',
    );
    // A path is never shown (issue 18 item 17): its last part in words, else 此项.
    expect(fieldIssueText(i18n.t, { field: 'items.0.name', rule: 'nonsense' })).toBe(
      '名称: 格式不正确',
    );
    expect(fieldIssueText(i18n.t, { field: 'x.y.zzz', rule: 'nonsense' })).toBe('此项: 格式不正确');
    await i18n.changeLanguage('en');
    expect(
      errorText(i18n.t, { code: 'PRINTER_UNREACHABLE', params: { address: '10.0.0.9:9100' } }),
    ).toBe('Cannot reach printer 10.0.0.9:9100: check power, cable and address.');
  });

  it('the page starts with the start-up words; the rest comes with the first screen after sign-in', async () => {
    localStorage.removeItem('pos.language');
    const i18n = await createI18n('zh-CN', { startOnly: true });
    // Sign-in, header and every error are there from the start.
    expect(i18n.t('signIn.submit')).toBe('签到');
    expect(i18n.t('errors.WRONG_PASSWORD', { attemptsLeft: 3 })).toBe('密码错误，还可尝试 3 次。');
    expect(i18n.exists('standby.sale')).toBe(false);

    // Switched on the sign-in screen: English start-up words only, too.
    await i18n.changeLanguage('en');
    expect(i18n.exists('standby.sale')).toBe(false);
    await i18n.changeLanguage('zh-CN');

    // Signed in: both languages loaded so far get the rest, the start-up words stay.
    await loadAllWords(i18n);
    expect(i18n.t('standby.sale')).toBe('消费');
    expect(i18n.t('signIn.submit')).toBe('签到');
    await i18n.changeLanguage('en');
    expect(i18n.t('standby.sale')).toBe('Sale');
    // Wanted once, always: loaded again at once.
    await loadAllWords(i18n);
  });

  it('a language first used after sign-in arrives with all its words', async () => {
    const i18n = await createI18n('zh-CN', { startOnly: true });
    await loadAllWords(i18n);
    await i18n.changeLanguage('en');
    expect(i18n.t('standby.sale')).toBe('Sale');
    expect(i18n.t('settlement.title')).not.toBe('settlement.title');
  });
});
