import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, listChannels } from '../../preload/contract';
import { ACCESS } from '../../main/api/access';
import { en } from '../../renderer/src/i18n/en';
import { enRest } from '../../renderer/src/i18n/en.rest';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { zhCNRest } from '../../renderer/src/i18n/zh-CN.rest';
import { mergeWords } from '../../renderer/src/i18n/merge-words';

// What a signed-in page holds: the start-up words with the rest merged in.
const zhAll = mergeWords(zhCN, zhCNRest) as typeof zhCN & typeof zhCNRest;
const enAll = mergeWords(en, enRest) as typeof en & typeof enRest;

function leaves(obj: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof obj !== 'object' || obj === null) return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}/${k}` : k));
}
const leafKeys = (obj: unknown) => leaves(obj).map(([k]) => k);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('the contract', () => {
  it('names every channel domain:method once', () => {
    const names = listChannels().map(([n]) => n);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('has an access rule for every channel and none for channels that do not exist', () => {
    const names = listChannels()
      .map(([n]) => n)
      .sort();
    expect(Object.keys(ACCESS).sort()).toEqual(names);
  });
});

describe('words for every screen and error, in both languages', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(zhCN).sort());
    expect(leafKeys(enRest).sort()).toEqual(leafKeys(zhCNRest).sort());
    for (const catalog of [zhCN, en, zhCNRest, enRest]) {
      for (const [key, value] of leaves(catalog)) {
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('has words for every error code', () => {
    for (const code of ERROR_CODES) {
      expect((zhAll.errors as Record<string, string>)[code], code).toBeTruthy();
      expect((enAll.errors as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it('has words for every rule the schemas and domain can report', () => {
    const root = join(import.meta.dirname, '../..');
    const sources = [...sourceFiles(join(root, 'preload')), ...sourceFiles(join(root, 'main'))]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const rules = new Set<string>();
    for (const m of sources.matchAll(/message: '([a-zA-Z]+)'/g)) rules.add(m[1] ?? '');
    for (const m of sources.matchAll(/rule: '([a-zA-Z]+)'/g)) rules.add(m[1] ?? '');
    expect(rules.size).toBeGreaterThan(10);
    for (const rule of rules) {
      expect(zhAll.rules[rule], `rules.${rule} (zh-CN)`).toBeTruthy();
      expect((enAll.rules as Record<string, string>)[rule], `rules.${rule} (en)`).toBeTruthy();
    }
  });
});

describe('start-up words and the rest', () => {
  it('splits the words in two parts that share no word (merging loses nothing)', () => {
    const shared = (a: unknown, b: unknown) => {
      const inB = new Set(leafKeys(b));
      return leafKeys(a).filter((k) => inB.has(k));
    };
    expect(shared(zhCN, zhCNRest)).toEqual([]);
    expect(shared(en, enRest)).toEqual([]);
    expect(leafKeys(zhAll).length).toBe(leafKeys(zhCN).length + leafKeys(zhCNRest).length);
  });
});
