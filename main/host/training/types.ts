/**
 * Public shapes of the training acquirer host (HOST-PROTOCOL.md part A). The
 * host itself is in server.ts; these live apart so that the handlers, the
 * ledger and the CLI share them without importing each other.
 */

export interface TrainingTerminal {
  /** Field 41, 8 characters. */
  terminal: string;
  /** Field 42, 15 characters. */
  merchant: string;
  /** The double-length TMK the terminal holds; working keys go out under it. */
  tmk: Buffer;
}

export type LedgerState = 'approved' | 'declined' | 'reversed';

export interface LedgerEntry {
  terminal: string;
  merchant: string;
  /** 60.2 of the request that made the entry. */
  batch: string;
  trace: string;
  mti: string;
  processingCode: string;
  /** 60.1: 22 sale, 23 void, 25 refund, 10 pre-auth, 11 pre-auth cancel, 20 completion. */
  messageTypeCode: string;
  amountFen: number;
  /** First 6 and last 4 digits, the rest as '*': the host never keeps a full card number. */
  panMasked: string;
  foreign: boolean;
  responseCode: string;
  authCode: string | null;
  rrn: string | null;
  state: LedgerState;
  /** ISO time the host acted on the request. */
  at: string;
  /** For a void, refund, pre-auth cancel or completion: the RRN of the entry it refers to. */
  originalRrn: string | null;
  /** Trace of the approved, unreversed void that cancelled this sale, if any. */
  voidedBy: string | null;
}

export interface LogEntry {
  mti: string;
  terminal: string;
  trace: string;
  /** Field 39 as sent; null when nothing (or nothing parseable) went back. */
  responseCode: string | null;
}

/** One 0320 as the host kept it (nothing sensitive: masked PAN, no PIN, no track). */
export interface BatchUpload {
  /** 60.3: 201 one transaction, 202 end of upload. */
  networkCode: string;
  trace: string;
  processingCode: string | null;
  amountFen: number | null;
  panMasked: string | null;
  /** Field 48 as sent (the per-transaction detail), if any. */
  detail: string | null;
}

export type ReversalFailMode = 'silent' | '96';

/** See HostFaults.mutateNextReply. */
export type ReplyMutator = (reply: Buffer, request: Buffer) => Buffer;

/**
 * Test knobs. Each request-level knob counts down once per request that
 * arrives (any MTI); counts given again replace what was left. Requests hit by
 * drop, silent or garbage are not acted on: the ledger is untouched, as when
 * the host is down. (The no-reply test card covers "acted on, answer lost".)
 */
export interface HostFaults {
  /** Close the connection without replying. */
  dropNext(n: number): void;
  /** Never reply; the connection stays open until the client gives up. */
  silentNext(n: number): void;
  /** Reply with a valid length prefix around bytes that don't parse. */
  garbageNext(n: number): void;
  /** Act on the request at once, send the reply `ms` later. Combines with the others. */
  delayNext(n: number, ms: number): void;
  /** The next `n` reversals (0400) are not acted on: never answered, or answered 96. */
  failReversals(n: number, mode: ReversalFailMode): void;
  /** While on, every connection is accepted and destroyed at once. */
  refuseConnections(on: boolean): void;
  /** Disarms every knob. */
  /**
   * Lets `pass` requests through untouched, then applies `fault` to the next
   * one: a failure in the middle of a sequence (e.g. the 2nd batch upload).
   */
  failAfter(pass: number, fault: 'drop' | 'silent' | 'garbage'): void;
  /** The next `n` settlements (0500) answer 77, as when the host's batch differs. */
  batchMismatchNext(n: number): void;
  /**
   * The next request is acted on as usual, but its reply goes out through
   * `fn`: it gets the whole reply frame (length prefix included) and the
   * request's frame, and returns the bytes to send instead — a reply damaged
   * on the way, for fuzzing the client. A request that gets no reply uses it up too.
   */
  mutateNextReply(fn: ReplyMutator): void;
  reset(): void;
}

export type SettlementVerdict = 'agree' | 'disagree';

/** What the host reports as it works, for the CLI or a test; never a PAN beyond 6+4, never a PIN. */
export type TrainingHostEvent =
  | {
      kind: 'request';
      mti: string;
      terminal: string;
      trace: string;
      responseCode: string | null;
      panMasked: string | null;
      amountFen: number | null;
      /** The fault knob that decided the answer, if any. */
      fault: 'drop' | 'silent' | 'garbage' | 'delay' | 'reversal' | 'mutate' | null;
    }
  | { kind: 'malformed'; remote: string; detail: string }
  | { kind: 'refused'; remote: string }
  | { kind: 'error'; remote: string; detail: string };

export interface TrainingHostOptions {
  /** Default 127.0.0.1: the training host never listens on the network unless told to. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  terminals?: TrainingTerminal[];
  /** false (default): close after each reply; true: keep the connection for further requests. */
  keepConnectionOpen?: boolean;
  /** Host clock, for fields 12/13, expiry checks and ledger times. */
  now?: () => Date;
  onEvent?: (event: TrainingHostEvent) => void;
}

export interface TrainingHost {
  readonly host: string;
  readonly port: number;
  /** Adds or replaces a terminal; a new TMK or merchant drops its working keys. */
  register(t: TrainingTerminal): void;
  unregister(terminal: string): void;
  /** Copies of every financial request the host acted on, in order. */
  ledger(): LedgerEntry[];
  /** Every request seen, in order. */
  log(): LogEntry[];
  /** What a terminal uploaded (0320) for a batch, in order. */
  uploads(terminal: string, batch: string): BatchUpload[];
  faults: HostFaults;
  /** How the host answers this terminal's settlements from now on (default 'agree'). */
  settlementVerdict(terminal: string, verdict: SettlementVerdict): void;
  /** Closes the server and every open connection; frees the port. */
  close(): Promise<void>;
}
