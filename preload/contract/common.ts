import { z } from 'zod';

/** Operator numbers: 00 supervisor, 99 administrator/technician, 01–98 cashiers. */
export const OperatorNo = z.string().regex(/^\d{2}$/, { message: 'operatorNo' });
export type OperatorNo = z.infer<typeof OperatorNo>;

export const Role = z.enum(['cashier', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

/** ISO-8601 timestamp with offset, as produced by the main side's one clock. */
export const Timestamp = z.string().min(10).max(40);

export const Session = z.object({
  operatorNo: OperatorNo,
  role: Role,
  name: z.string(),
  signedInAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/** Inputs with no fields still send an object, so every channel is validated the same way. */
export const NoInput = z.object({}).strict();
