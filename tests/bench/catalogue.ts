// Catalogue benchmark (issue 14): search per keystroke over 100,000 products
// (limit ≤ 30 ms p99) and the import of 100,000 products from CSV and XLSX
// (limit ≤ 10 s for the apply; the preview before it is timed apart).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRepositories, openDatabase } from '../../main/db';
import { checkBarcode } from '../../main/domain/catalogue/barcodes';
import { pinyinInitials } from '../../main/domain/catalogue/pinyin';
import { createCatalogueService } from '../../main/services/catalogue/catalogue-service';
import { createCatalogueTransferService } from '../../main/services/catalogue/catalogue-transfer-service';
import { writeCsv, writeXlsx } from '../../main/services/catalogue/catalogue-files';
import { fenToYuanText } from '../../main/domain/catalogue/import-rows';
import { manualClock } from '../../main/core/clock';
import { DEFAULT_PARAMETERS } from '../../main/settings/schema';
import type { SettingsStore } from '../../main/settings/store';
import { generateCatalogue } from './catalogue-data';
import { latencyStats, type LatencyStats } from './stats';

/** What a cashier types, one keystroke at a time: each prefix is one search. */
export const KEYSTROKE_SEQUENCES: ReadonlyArray<{ name: string; keys: string }> = [
  { name: 'pinyin initials 「kkkl」', keys: 'kkkl' },
  { name: 'pinyin initials 「nfsq」', keys: 'nfsq' },
  { name: 'name fragment 「纯牛奶」', keys: '纯牛奶' },
  { name: 'name fragment 「巧克力」', keys: '巧克力' },
  { name: 'code prefix 「100123」', keys: '100123' },
  { name: 'barcode prefix 「6931000」', keys: '6931000' },
  { name: 'no match 「zzzz」', keys: 'zzzz' },
];

export interface SearchBench {
  products: number;
  fillMs: number;
  sequences: Array<{ name: string; stats: LatencyStats; results: number[] }>;
  all: LatencyStats;
}

const staticSettings: SettingsStore = {
  get: () => DEFAULT_PARAMETERS,
  save() {
    throw new Error('read-only');
  },
  problem: null,
  path: '(bench)',
};

export function benchCatalogueSearch(count: number, rounds = 30): SearchBench {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-catalogue-'));
  try {
    const db = openDatabase(join(dir, 'pos.sqlite'));
    const repos = createRepositories(db);
    const t0 = performance.now();
    const rows = generateCatalogue(count);
    repos.inTransaction(() => {
      const categories = new Map<string, number>();
      for (const p of rows) {
        let categoryId = categories.get(p.category);
        if (categoryId === undefined) {
          categoryId = repos.catalogue.addCategory(p.category, 0);
          categories.set(p.category, categoryId);
        }
        const id = repos.catalogue.insert(
          {
            code: p.code,
            name: p.name,
            spec: p.spec,
            unit: p.unit,
            priceFen: p.priceFen,
            categoryId,
            weighable: p.weighable,
            active: true,
            pinyin: pinyinInitials(p.name),
            demo: false,
          },
          0,
        );
        repos.catalogue.replaceBarcodes(
          id,
          p.barcodes.map((b) => {
            const c = checkBarcode(b);
            if (!c.ok) throw new Error(`generated a bad barcode ${b}`);
            return { barcode: c.barcode, symbology: c.symbology };
          }),
        );
      }
    });
    const fillMs = performance.now() - t0;
    db.pragma('optimize');
    const catalogue = createCatalogueService({ repos, settings: staticSettings });
    const all: bigint[] = [];
    const sequences = KEYSTROKE_SEQUENCES.map(({ name, keys }) => {
      const samples: bigint[] = [];
      let results: number[] = [];
      for (let r = 0; r < rounds; r++) {
        results = [];
        for (let i = 1; i <= keys.length; i++) {
          const start = process.hrtime.bigint();
          const found = catalogue.search({ query: keys.slice(0, i), limit: 20 });
          samples.push(process.hrtime.bigint() - start);
          results.push(found.length);
        }
      }
      all.push(...samples);
      return { name, stats: latencyStats(samples), results };
    });
    db.close();
    return { products: count, fillMs, sequences, all: latencyStats(all) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImportBench {
  products: number;
  format: 'csv' | 'xlsx';
  fileMiB: number;
  previewMs: number;
  applyMs: number;
  peakRssMiB: number;
}

const BENCH_ACTOR = {
  operatorNo: '00',
  role: 'supervisor' as const,
  name: '主管',
  signedInAt: '2026-11-24T09:30:00+08:00',
};

/**
 * Import of `count` generated products from a CSV or XLSX file (as the
 * manager's screen sends it: base64) into an empty catalogue: the preview
 * (read, check every row) and the apply (read again, check, one transaction).
 */
export async function benchCatalogueImport(
  count: number,
  format: 'csv' | 'xlsx',
): Promise<ImportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-import-'));
  try {
    const db = openDatabase(join(dir, 'pos.sqlite'));
    const repos = createRepositories(db);
    const table = [
      ['编码', '条码', '名称', '规格', '单位', '售价(元)', '分类', '称重', '停用'],
      ...generateCatalogue(count).map((p) => [
        p.code,
        p.barcodes.join(';'),
        p.name,
        p.spec,
        p.unit,
        fenToYuanText(p.priceFen),
        p.category,
        p.weighable ? '是' : '否',
        '否',
      ]),
    ];
    const bytes =
      format === 'csv' ? Buffer.from(writeCsv(table), 'utf8') : await writeXlsx(table, '商品');
    const file = { format, fileName: `bench.${format}`, data: bytes.toString('base64') };
    const transfer = createCatalogueTransferService({ repos, clock: manualClock(0) });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    const preview = await transfer.preview(file);
    const t1 = performance.now();
    const summary = await transfer.apply(file, BENCH_ACTOR);
    const t2 = performance.now();
    clearInterval(sampler);
    if (preview.badRows !== 0 || summary.added !== count) {
      throw new Error(
        `bench import went wrong: ${JSON.stringify({ ...preview, issues: preview.issues.slice(0, 3) })}`,
      );
    }
    db.close();
    return {
      products: count,
      format,
      fileMiB: bytes.length / 1024 / 1024,
      previewMs: t1 - t0,
      applyMs: t2 - t1,
      peakRssMiB: peak / 1024 / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
