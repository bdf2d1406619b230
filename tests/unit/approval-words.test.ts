import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { APPROVAL_ACTIONS } from '../../preload/contract';
import { en } from '../../renderer/src/i18n/en';
import { enRest } from '../../renderer/src/i18n/en.rest';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { zhCNRest } from '../../renderer/src/i18n/zh-CN.rest';
import { detailWords } from '../../renderer/src/lib/detail-words';

// What a supervisor approved is shown in words in both languages: every name
// in APPROVAL_ACTIONS has its own word, and the audit details use it.
const CATALOGS = { 'zh-CN': { ...zhCN, ...zhCNRest }, en: { ...en, ...enRest } } as const;

async function tOf(language: keyof typeof CATALOGS) {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: CATALOGS[language] } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('words for supervisor approvals', () => {
  for (const [language, catalog] of Object.entries(CATALOGS)) {
    it(`${language}: a word of its own for every approval, never the name`, () => {
      const words = APPROVAL_ACTIONS.map((a) => catalog.details.approvalActions[a]);
      APPROVAL_ACTIONS.forEach((action, i) => {
        const word = words[i];
        expect(word?.trim(), action).toBeTruthy();
        expect(word, action).not.toBe(action);
        expect(word, action).not.toMatch(/^[a-z]+(?:\.[a-zA-Z]+)*$/);
        if (language === 'zh-CN') expect(word, action).toMatch(/[\u4e00-\u9fff]/);
      });
      expect(new Set(words).size, 'two approvals with the same word').toBe(words.length);
    });
  }

  it('the audit detail shows the word under 授权内容 / Approved, 申请人 / Requested by', async () => {
    for (const [language, label, asked] of [
      ['zh-CN', '授权内容', '申请人'],
      ['en', 'Approved', 'Requested by'],
    ] as const) {
      const t = await tOf(language);
      for (const action of APPROVAL_ACTIONS) {
        expect(detailWords(t, { action, requestedBy: '01' }), `${language} ${action}`).toEqual([
          { label, value: CATALOGS[language].details.approvalActions[action] },
          { label: asked, value: '01' },
        ]);
      }
      // A name not in the list (an old entry, say) still shows as it was recorded.
      expect(detailWords(t, { action: 'legacy.thing' })).toEqual([
        { label, value: 'legacy.thing' },
      ]);
    }
  });

  it('a discount approval reads as the basket shows it, not {kind, value}', async () => {
    const zh = await tOf('zh-CN');
    const percent = detailWords(zh, {
      action: 'order.discount',
      lineId: 7,
      discount: { kind: 'percent', value: 1250 },
    });
    expect(percent).toEqual([
      { label: '授权内容', value: '折扣' },
      { label: '商品行', value: '7' },
      { label: '折扣', value: '12.5% 折扣' },
    ]);
    // A line's approval names the order and the product, labelled.
    expect(
      detailWords(zh, {
        action: 'order.priceOverride',
        orderNo: '20261206000001',
        lineId: 7,
        product: '农夫山泉 550ml',
        unitPriceFen: 150,
      }),
    ).toEqual([
      { label: '授权内容', value: '改价' },
      { label: '订单号', value: '20261206000001' },
      { label: '商品行', value: '7' },
      { label: '商品', value: '农夫山泉 550ml' },
      { label: '单价', value: '¥1.50' },
    ]);
    const en = await tOf('en');
    const amount = detailWords(en, { discount: { kind: 'amount', value: 500 } });
    expect(amount[0]?.value).toMatch(/^¥?5\.00 off$/);
    expect(amount[0]?.value).not.toMatch(/kind|amount|value/);
  });
});
