import iconv from 'iconv-lite';
import type { FieldIssue, TerminalSetup } from '../../preload/contract';
import { MERCHANT_NAME_MAX_BYTES } from '../../preload/contract/terminal';
import type { TerminalParameters } from '../settings/schema';

export { MERCHANT_NAME_MAX_BYTES };

/** Bytes the name takes on the receipt printer, which expects GB18030. */
export function gb18030Length(text: string): number {
  return iconv.encode(text, 'gb18030').length;
}

/** Rules the contract's schema can't check alone (they need the encoder). */
export function checkSetupRules(setup: TerminalSetup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const bytes = gb18030Length(setup.merchantName);
  const roundTrips = iconv.decode(iconv.encode(setup.merchantName, 'gb18030'), 'gb18030');
  if (roundTrips !== setup.merchantName) {
    issues.push({ field: 'merchantName', rule: 'merchantNameChars' });
  } else if (bytes > MERCHANT_NAME_MAX_BYTES) {
    issues.push({
      field: 'merchantName',
      rule: 'merchantNameBytes',
      params: { max: MERCHANT_NAME_MAX_BYTES, bytes },
    });
  }
  return issues;
}

export function applySetup(params: TerminalParameters, setup: TerminalSetup): TerminalParameters {
  return {
    ...params,
    configured: true,
    merchantNumber: setup.merchantNumber,
    terminalNumber: setup.terminalNumber,
    merchantName: setup.merchantName,
    printer: setup.printer,
    receipt: { ...params.receipt, paperWidth: setup.paperWidth },
  };
}

export function setupOf(params: TerminalParameters): TerminalSetup | null {
  if (
    !params.configured ||
    !params.merchantNumber ||
    !params.terminalNumber ||
    !params.merchantName
  ) {
    return null;
  }
  return {
    merchantNumber: params.merchantNumber,
    terminalNumber: params.terminalNumber,
    merchantName: params.merchantName,
    printer: params.printer,
    paperWidth: params.receipt.paperWidth,
  };
}

/** Old → new for every leaf that changed, for the audit log. */
export function diffParameters(
  before: unknown,
  after: unknown,
  path = '',
): Array<{ field: string; from: unknown; to: unknown }> {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffParameters(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ field: path, from: before ?? null, to: after ?? null }];
}
