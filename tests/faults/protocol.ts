/** The operators' passwords the technician sets at setup (the workload signs in with them). */
export const PASSWORDS = { admin: '87654321', supervisor: '246810', cashier: '1357' };

/** What the parent tells the terminal process (argv[2], JSON). */
export interface ChildConfig {
  mode: 'setup' | 'work' | 'drain';
  dir: string;
  /** drain: settle the open batch too (the day's close), so its cash sales go up with it. */
  settleOpen?: boolean;
  merchant: string;
  terminal: string;
  hostPort: number;
  printerPort: number;
  gatewayUrl: string;
  gatewayToken: string;
  backOfficeUrl: string;
  backOfficeToken: string;
  /** The TMK as the technician keys it in (two components). */
  tmkComponents: string[];
}

/** One line of the terminal process's stdout. */
export type ChildMessage =
  | { t: 'setup' }
  /** The web shell listens: the parent connects to ws://127.0.0.1:port/api with the token. */
  | { t: 'ready'; port: number; token: string }
  | { t: 'drained'; outbox: number; unfinished: number; settling: number; printing: number }
  | { t: 'log'; text: string };

/** One line on the terminal process's stdin. */
export type ParentCommand =
  /** Open the data directory and start (the process was started ahead, while the last one ran). */
  | { t: 'go' }
  /** The next card the cardholder puts in, and the PIN they key (a wrong one on purpose). */
  | { t: 'card'; id: string; pin: string }
  /** The network is back: drain everything, then exit. */
  | { t: 'drain' }
  /** Close cleanly and exit. */
  | { t: 'stop' };
