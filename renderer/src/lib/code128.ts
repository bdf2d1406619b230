/**
 * Code 128 as a printer draws it from `GS k 73` data, so the virtual printer
 * shows the bars the paper would get: code set C (two digits a symbol) for an
 * even number of digits, else code set B; the mod-103 check symbol; quiet
 * zones left to the caller. Returns the widths of alternating bars and spaces
 * (in modules), starting with a bar.
 */
const PATTERNS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
] as const;
export const CODE128_PATTERNS: readonly string[] = PATTERNS;

const START_B = 104;
const START_C = 105;
const STOP = 106;

/** The symbol values of `data`: start, data, check, stop. */
export function code128Values(data: string): number[] {
  const digits = /^(\d\d)+$/.test(data);
  const body = digits
    ? (data.match(/\d\d/g) ?? []).map(Number)
    : [...data]
        .map((ch) => ch.charCodeAt(0))
        .filter((c) => c >= 0x20 && c <= 0x7e)
        .map((c) => c - 0x20);
  const start = digits ? START_C : START_B;
  const check = body.reduce((sum, v, i) => sum + v * (i + 1), start) % 103;
  return [start, ...body, check, STOP];
}

/** Bar and space widths in modules, bar first. */
export function code128Widths(data: string): number[] {
  return code128Values(data).flatMap((v) => [...(PATTERNS[v] ?? '')].map(Number));
}
