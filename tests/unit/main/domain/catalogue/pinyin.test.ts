import { describe, expect, it } from 'vitest';
import {
  normalizeText,
  pinyinInitials,
  queryPhrases,
  wordChars,
} from '../../../../../main/domain/catalogue/pinyin';

describe('pinyin initials', () => {
  it('gives the initials shops type: 可口可乐 → kkkl', () => {
    expect(pinyinInitials('可口可乐')[0]).toBe('kkkl');
    expect(pinyinInitials('农夫山泉')[0]).toBe('nfsq');
    expect(pinyinInitials('康师傅红烧牛肉面')[0]).toBe('ksfhsnrm');
  });

  it('keeps letters and digits, lower-cased and half-width, and drops the rest', () => {
    expect(pinyinInitials('可口可乐 330ml')[0]).toBe('kkkl330ml');
    expect(pinyinInitials('ＡＤ钙奶（原味）')[0]).toBe('adgnyw');
    expect(pinyinInitials('A4纸·70g')[0]).toBe('a4z70g');
  });

  it('reads polyphones in context first and keeps other readings as alternatives', () => {
    const changcheng = pinyinInitials('长城干红');
    expect(changcheng[0]).toBe('ccgh'); // 长城: cháng
    expect(changcheng).toContain('zcgh'); // zhǎng, for a cashier who reads it so
    expect(pinyinInitials('重庆小面')[0]).toBe('cqxm'); // chóng, not zhòng
    expect(pinyinInitials('重庆小面')).toContain('zqxm');
    expect(pinyinInitials('银行卡')[0]).toBe('yhk'); // háng, not xíng
  });

  it('keeps at most four spellings, all different', () => {
    const many = pinyinInitials('长长长长长长重重重');
    expect(many.length).toBeLessThanOrEqual(4);
    expect(new Set(many).size).toBe(many.length);
  });

  it('a name without letters or digits has no initials', () => {
    expect(pinyinInitials('——')).toEqual([]);
  });
});

describe('search text', () => {
  it('normalises typed text like stored text', () => {
    expect(normalizeText('ＫＫＫＬ')).toBe('kkkl');
    expect(wordChars('蒙牛 纯牛奶-250ml')).toEqual([...'蒙牛纯牛奶250ml']);
  });

  it('splits a query into phrases of single characters', () => {
    expect(queryPhrases('  牛奶 250 ')).toEqual([
      ['牛', '奶'],
      ['2', '5', '0'],
    ]);
    expect(queryPhrases('kkkl')).toEqual([['k', 'k', 'k', 'l']]);
    expect(queryPhrases(' - ')).toEqual([]);
  });
});
