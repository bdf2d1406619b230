import type { Role } from '../../preload/contract';

/**
 * Who may call each channel. Checked here on the main side for every call;
 * the renderer hiding a button is never the only guard. A channel missing from
 * this table is refused (a test checks the table covers the contract).
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const ACCESS: Record<string, Access> = {
  'app:info': 'public',
  // Whoever made a call may ask what became of it: the random request id is the key.
  'app:outcome': 'public',
  'setup:get': ['admin'],
  'setup:save': ['admin'],
  'auth:signIn': 'public',
  'auth:changePassword': 'public',
  'auth:signOff': 'public',
  'auth:session': 'public',
  'auth:shift': 'signed-in',
  // Managers: the service narrows further (00 → cashiers; 99 → reset/unlock 00 only).
  'operators:list': ['supervisor', 'admin'],
  'audit:list': ['supervisor', 'admin'],
  // Data care: managers may back up and export; restore and configuration are the technician's too.
  'diagnostics:run': ['admin'],
  'diagnostics:openDrawer': ['supervisor', 'admin'],
  'peripherals:get': ['admin'],
  'peripherals:save': ['admin'],
  'peripherals:discover': ['admin'],
  'diagnostics:display': 'signed-in',
  'data:backups': ['supervisor', 'admin'],
  'data:backup': ['supervisor', 'admin'],
  'data:restore': ['supervisor', 'admin'],
  'data:exportTransactions': ['supervisor', 'admin'],
  'data:exportConfig': ['admin'],
  'data:previewConfig': ['admin'],
  'data:importConfig': ['admin'],
  'audit:exportCsv': ['supervisor', 'admin'],
  'operators:add': ['supervisor'],
  'operators:rename': ['supervisor'],
  'operators:setDisabled': ['supervisor'],
  'operators:remove': ['supervisor'],
  'operators:resetPassword': ['supervisor', 'admin'],
  'operators:unlock': ['supervisor', 'admin'],
  'sale:cash': ['cashier'],
  'sale:showDue': ['cashier'],
  'print:jobs': 'signed-in',
  'print:retry': 'signed-in',
  'print:preview': 'signed-in',
  'print:reprint': 'signed-in',
  'setup:getHost': ['admin'],
  'setup:saveHost': ['admin'],
  'setup:getPolicy': ['admin'],
  'setup:savePolicy': ['admin'],
  'card:sale': ['cashier'],
  'card:cancel': ['cashier'],
  'card:balance': ['cashier'],
  'host:signIn': ['cashier', 'supervisor'],
  'host:echo': ['admin', 'supervisor'],
  'host:status': 'signed-in',
  'host:flushReversals': 'signed-in',
  // The simulated PIN pad stands for the device on the counter; its keys are
  // the cardholder's, pressed while a signed-in cashier runs a transaction.
  'pinpad:panel': 'signed-in',
  'pinpad:presentCard': 'signed-in',
  'pinpad:key': 'signed-in',
  'keys:status': ['admin'],
  'keys:injectTmk': ['admin'],
  'qr:pay': ['cashier'],
  'qr:getGateway': ['admin'],
  'qr:saveGateway': ['admin'],
  'qr:cancel': ['cashier'],
  // The cashier asks; the supervisor's own number and password in the request approve it.
  'qr:refund': ['cashier', 'supervisor'],
  'transactions:list': 'signed-in',
  // The simulated scanner stands for the device on the counter (training mode).
  'settlement:preview': ['supervisor'],
  'settlement:run': ['supervisor'],
  'sync:status': ['supervisor', 'admin'],
  'sync:getSettings': ['admin'],
  'sync:saveSettings': ['admin'],
  'sync:retry': ['supervisor', 'admin'],
  // The cashier asks; the supervisor's number and password in the request approve it.
  'voids:run': ['cashier', 'supervisor'],
  'refunds:card': ['cashier', 'supervisor'],
  'refunds:cash': ['cashier', 'supervisor'],
  'preauth:start': ['cashier'],
  'preauth:cancel': ['cashier', 'supervisor'],
  'preauth:complete': ['cashier', 'supervisor'],
  'preauth:open': 'signed-in',
  'scanner:panel': 'signed-in',
  'scanner:simulate': 'signed-in',
  'transactions:detail': 'signed-in',
  'transactions:find': 'signed-in',
  // Reports (issue 9): the query for everyone signed in; reports, charts and export for
  // managers; a cashier's own shift report for the cashier (the service narrows it).
  'transactions:query': 'signed-in',
  'transactions:exportCsv': ['supervisor', 'admin'],
  'reports:shift': ['cashier', 'supervisor', 'admin'],
  'reports:print': ['cashier', 'supervisor', 'admin'],
  'reports:day': ['supervisor', 'admin'],
  'reports:settlement': ['supervisor', 'admin'],
  'reports:chart': ['supervisor', 'admin'],
};
