/** What the parent tells the terminal process (argv[2], JSON). */
export interface ChildConfig {
  mode: 'setup' | 'work' | 'drain';
  dir: string;
  seed: number;
  /** Workload steps before the process exits on its own (if not killed first). */
  steps: number;
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
  | { t: 'ready' }
  | { t: 'op'; op: string; ok: boolean; detail?: string }
  | { t: 'drained'; outbox: number; unfinished: number; settling: number; printing: number }
  | { t: 'log'; text: string };
