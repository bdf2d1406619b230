import type { z } from 'zod';
import type { FieldIssue } from '../../preload/contract';
import { redact } from '../core/logger';

/** How many unknown keys one refusal names (a frame may carry thousands). */
const UNKNOWN_KEYS_NAMED = 10;

/**
 * Turns zod issues into field issues. Our schemas carry rule keys as their
 * messages (e.g. `merchantNumber`); zod's own messages (wrong type, unknown
 * key) become the generic `invalid` rule, still naming the field. A key the
 * call does not take is named itself under `unknownField` (a typo such as
 * `amountfen`, or `__proto__`), not as the whole input being invalid; cut to
 * 40 characters and a card number in it kept first 6 / last 4, as the audit
 * log keeps a channel name.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.slice(0, UNKNOWN_KEYS_NAMED).map((key) => ({
        field: [...issue.path.map(String), redact(key.slice(0, 200)).slice(0, 40)].join('.'),
        rule: 'unknownField',
      }));
    const field = issue.path.map(String).join('.') || '(input)';
    const rule = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : 'invalid';
    return { field, rule };
  });
}

export type ParsedInput = { ok: true; data: unknown } | { ok: false; fields: FieldIssue[] };

/**
 * Checks a call's input with its contract schema. A schema that throws on
 * hostile input instead of reporting it — zod's length checks also run on a
 * wrongly typed value and compare its `length`, so `{"length": {"toString": 1}}`
 * where a string belongs throws a TypeError — refuses the input like any
 * other invalid input instead of failing the call.
 */
export function parseInput(schema: z.ZodType, raw: unknown): ParsedInput {
  let parsed: ReturnType<z.ZodType['safeParse']>;
  try {
    parsed = schema.safeParse(raw);
  } catch {
    return { ok: false, fields: [{ field: '(input)', rule: 'invalid' }] };
  }
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, fields: fieldIssues(parsed.error) };
}
