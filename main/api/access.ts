import type { Role } from '../../preload/contract';

/**
 * Who may call each channel. Checked here on the main side for every call;
 * the renderer hiding a button is never the only guard. A channel missing from
 * this table is refused (a test checks the table covers the contract).
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const ACCESS: Record<string, Access> = {
  'app:info': 'public',
  'setup:get': ['admin'],
  'setup:save': ['admin'],
  'auth:signIn': 'public',
  'auth:changePassword': 'public',
  'auth:signOff': 'public',
  'auth:session': 'public',
  'sale:cash': ['cashier'],
  'print:jobs': 'signed-in',
  'print:retry': 'signed-in',
  'print:preview': 'signed-in',
  'print:reprint': 'signed-in',
};
