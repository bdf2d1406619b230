import type { FieldIssue } from '../../../preload/contract';
import { hasValidGs1Check } from './barcodes';

/**
 * Scale barcodes (条码秤, PRODUCT.md §12): the label a shop's scale prints for
 * weighed fresh goods carries the product's PLU and the amount and/or the
 * weight, laid out by a template the shop sets to match its scales.
 *
 * A template is a string of one symbol per digit (spaces only for reading):
 *   0–9  that digit exactly (e.g. the leading 2 of in-store codes)
 *   F    a flag digit the scale sets (any digit, not read)
 *   X    any digit, not read
 *   P    the PLU (商品编码), one run
 *   A    the amount in fen (金额), one run
 *   W    the weight in grams (重量), one run
 *   C    the GS1 check digit over every digit before it; last, once
 * e.g. `2F PPPPP AAAAA C` (13 digits: PLU + amount), `2F PPPPP AAAAA WWWWW C`
 * (18 digits: PLU, amount, weight).
 */

export interface ScaleTemplate {
  name: string;
  pattern: string;
  enabled: boolean;
}

/** The common Chinese layouts, on by default; the first that fits a code wins. */
export const BUILT_IN_SCALE_TEMPLATES: readonly ScaleTemplate[] = [
  { name: '13 位金额码 PLU+金额', pattern: '2F PPPPP AAAAA C', enabled: true },
  { name: '13 位重量码 PLU+重量', pattern: '2F PPPPP WWWWW C', enabled: true },
  { name: '18 位 PLU+金额+重量', pattern: '2F PPPPP AAAAA WWWWW C', enabled: true },
];

export const SCALE_PATTERN_MIN = 8;
export const SCALE_PATTERN_MAX = 24;
const MAX_RUN = { P: 13, A: 8, W: 6 } as const;

interface Run {
  start: number;
  length: number;
}

export interface CompiledScaleTemplate {
  name: string;
  length: number;
  /** Digits that must be exactly so, by position. */
  literals: Array<[number, string]>;
  plu: Run;
  amount: Run | null;
  weight: Run | null;
  hasCheck: boolean;
}

export type ScaleParse =
  | { kind: 'match'; plu: string; amountFen: number | null; weightG: number | null }
  | { kind: 'check-digit' }
  | { kind: 'no-match' };

/**
 * Checks a template and compiles it, or names what is wrong with it: each
 * issue's params say which part (`part`: the symbol or run) and where
 * (`position`, 1-based in the template without spaces).
 */
export function compileScaleTemplate(
  template: ScaleTemplate,
  field = 'pattern',
): { ok: true; template: CompiledScaleTemplate } | { ok: false; issues: FieldIssue[] } {
  const symbols = template.pattern.replace(/\s+/g, '').toUpperCase();
  const issues: FieldIssue[] = [];
  const issue = (rule: string, params: Record<string, string | number> = {}) =>
    issues.push({ field, rule, params });

  if (symbols.length < SCALE_PATTERN_MIN || symbols.length > SCALE_PATTERN_MAX) {
    issue('scaleLength', {
      length: symbols.length,
      min: SCALE_PATTERN_MIN,
      max: SCALE_PATTERN_MAX,
    });
  }
  const runs: Partial<Record<'P' | 'A' | 'W', Run>> = {};
  const literals: Array<[number, string]> = [];
  let checkAt = -1;
  const badSymbols = new Set<string>();
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i]!;
    if (/\d/.test(s)) literals.push([i, s]);
    else if (s === 'F' || s === 'X') continue;
    else if (s === 'C') {
      if (checkAt >= 0) issue('scaleCheckTwice', { part: 'C', position: i + 1 });
      checkAt = i;
    } else if (s === 'P' || s === 'A' || s === 'W') {
      const run = runs[s];
      if (!run) runs[s] = { start: i, length: 1 };
      else if (run.start + run.length === i) run.length++;
      else issue('scaleRunSplit', { part: s, position: i + 1 });
    } else if (!badSymbols.has(s)) {
      badSymbols.add(s); // named once, at its first position
      issue('scaleSymbol', { part: s, position: i + 1 });
    }
  }
  if (checkAt >= 0 && checkAt !== symbols.length - 1) {
    issue('scaleCheckLast', { part: 'C', position: checkAt + 1 });
  }
  if (!runs.P) issue('scaleNoPlu', { part: 'P' });
  if (!runs.A && !runs.W) issue('scaleNoAmount', { part: 'A/W' });
  for (const key of ['P', 'A', 'W'] as const) {
    const run = runs[key];
    if (run && run.length > MAX_RUN[key]) {
      issue('scaleRunLong', {
        part: key.repeat(run.length),
        position: run.start + 1,
        max: MAX_RUN[key],
      });
    }
  }
  if (issues.length > 0 || !runs.P) return { ok: false, issues };
  return {
    ok: true,
    template: {
      name: template.name,
      length: symbols.length,
      literals,
      plu: runs.P,
      amount: runs.A ?? null,
      weight: runs.W ?? null,
      hasCheck: checkAt >= 0,
    },
  };
}

const slice = (code: string, run: Run) => code.slice(run.start, run.start + run.length);

/**
 * Reads `code` by one template: `no-match` when its length or fixed digits
 * differ (or the amount/weight is zero), `check-digit` when it fits but the
 * check digit is wrong, else the PLU and the amount/weight.
 */
export function parseScaleBarcode(code: string, t: CompiledScaleTemplate): ScaleParse {
  if (code.length !== t.length || !/^\d+$/.test(code)) return { kind: 'no-match' };
  for (const [i, digit] of t.literals) if (code[i] !== digit) return { kind: 'no-match' };
  if (t.hasCheck && !hasValidGs1Check(code)) return { kind: 'check-digit' };
  const amountFen = t.amount ? Number(slice(code, t.amount)) : null;
  const weightG = t.weight ? Number(slice(code, t.weight)) : null;
  if (amountFen === 0 || weightG === 0) return { kind: 'no-match' };
  return { kind: 'match', plu: slice(code, t.plu), amountFen, weightG };
}

/** The enabled templates that compile, in order (a broken one is skipped, never guessed at). */
export function compileEnabled(templates: readonly ScaleTemplate[]): CompiledScaleTemplate[] {
  const out: CompiledScaleTemplate[] = [];
  for (const t of templates) {
    if (!t.enabled) continue;
    const c = compileScaleTemplate(t);
    if (c.ok) out.push(c.template);
  }
  return out;
}

/**
 * The PLU as the scale prints it (fixed width, zero-padded) and as the
 * catalogue may hold it (without the leading zeros): both are looked up.
 */
export function pluForms(plu: string): string[] {
  const stripped = plu.replace(/^0+(?=\d)/, '');
  return stripped === plu ? [plu] : [plu, stripped];
}
