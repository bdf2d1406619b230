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
