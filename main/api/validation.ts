import type { z } from 'zod';
import type { FieldIssue } from '../../preload/contract';

/**
 * Turns zod issues into field issues. Our schemas carry rule keys as their
 * messages (e.g. `merchantNumber`); zod's own messages (wrong type, unknown
 * key) become the generic `invalid` rule, still naming the field.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
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
