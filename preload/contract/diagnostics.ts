import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput } from './common';
import { PosError } from './errors';

export const DiagnosticCheck = z.enum([
  'printer',
  'testPrint',
  'drawer',
  'scanner',
  'pinpad',
  'display',
  'hostEcho',
  'hostSignIn',
  'qrGateway',
  'disk',
  'database',
]);
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>;

export const DiagnosticResult = z.object({
  check: DiagnosticCheck,
  ok: z.boolean(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** The error behind a failure, when there is one (its words carry a next step). */
  error: PosError.nullable(),
  /** `diagnostics.next.<key>`: what to do about a failure. */
  nextStep: z.string().nullable(),
});
export type DiagnosticResult = z.infer<typeof DiagnosticResult>;

/** 诊断 (99): one check at a time, each a real attempt with pass/fail and a next step. */
export const diagnostics = {
  run: channel(z.object({ check: DiagnosticCheck }).strict(), DiagnosticResult),
  /** 开钱箱 by a manager outside a sale (audited); the answer says whether the printer took it. */
  openDrawer: command(NoInput, DiagnosticResult),
  /** What the customer display shows now (the simulated one in training mode). */
  display: channel(
    NoInput,
    z.object({
      kind: z.enum(['serial', 'simulated']),
      lines: z.tuple([z.string(), z.string()]).nullable(),
    }),
  ),
};
