import { createHash } from 'node:crypto';
import type { UploadTransaction } from '../db/repos/sync';

/**
 * The bodies of HOST-PROTOCOL.md part C, built in one place so their bytes
 * are defined here: the back office compares a repeated request byte for byte
 * (same content → 200, different → 409) and the commit carries a digest of
 * the exact bytes sent.
 *
 *   PUT  {base}/v1/merchants/{mid}/terminals/{tid}/batches/{batch}          header
 *   PUT  {base}/v1/merchants/{mid}/terminals/{tid}/batches/{batch}/parts/{n} part n (1…)
 *   POST {base}/v1/merchants/{mid}/terminals/{tid}/batches/{batch}/commit   commit
 *
 * Header: {merchant, terminal, batchNo, settledAt, training, txCount, partsTotal, totals}
 * Part:   {batchNo, part, count, transactions: [UploadTransaction…]}  (1–1,000, id order)
 * Commit: {count, parts, sha256}
 *
 * The commit's `sha256` (lower-case hex) is a hash list over the parts:
 *
 *   sha256 = SHA-256( SHA-256(body₁) ‖ SHA-256(body₂) ‖ … ‖ SHA-256(bodyₙ) )
 *
 * where bodyᵢ is the exact UTF-8 request body of part i and each inner digest
 * is its 32 raw bytes; a batch with no transactions has no parts and its
 * digest is SHA-256 of nothing. Why this form rather than one hash over all
 * the bodies back to back: each part's digest is fixed the moment its bytes
 * are frozen (at settlement), so the batch digest follows from 32 stored bytes
 * per part — identical after any number of restarts, with nothing re-read and
 * no hash state to carry across a crash. The receiver needs each part's digest
 * anyway (to tell "same content again" from "different content"), so it can
 * check the commit from what it keeps, without keeping or re-reading bodies.
 */

/** Transactions per part (HOST-PROTOCOL.md: up to 1,000). */
export const PART_SIZE = 1000;

export interface BatchHeader {
  merchant: string;
  terminal: string;
  batchNo: string;
  /** ISO 8601, UTC: when the batch was closed. */
  settledAt: string;
  /** Taken in training mode (no real acquirer): the back office may keep it apart. */
  training: boolean;
  txCount: number;
  partsTotal: number;
  /** The settlement's totals, as the settlement module computed them. */
  totals: unknown;
}

const utf8 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

export function headerBody(h: BatchHeader): Buffer {
  // Fixed key order: these bytes are frozen and compared.
  return utf8({
    merchant: h.merchant,
    terminal: h.terminal,
    batchNo: h.batchNo,
    settledAt: h.settledAt,
    training: h.training,
    txCount: h.txCount,
    partsTotal: h.partsTotal,
    totals: h.totals,
  });
}

export function partBody(
  batchNo: string,
  part: number,
  transactions: readonly UploadTransaction[],
): Buffer {
  return utf8({ batchNo, part, count: transactions.length, transactions });
}

export function commitBody(c: { count: number; parts: number; sha256: string }): Buffer {
  return utf8({ count: c.count, parts: c.parts, sha256: c.sha256 });
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The commit digest, fed one part digest (hex) at a time, in part order. */
export function createPartsDigest() {
  const hash = createHash('sha256');
  return {
    add(partSha256Hex: string): void {
      hash.update(Buffer.from(partSha256Hex, 'hex'));
    },
    hex: (): string => hash.digest('hex'),
  };
}

export function batchPath(merchant: string, terminal: string, batchNo: string): string {
  const e = encodeURIComponent;
  return `/v1/merchants/${e(merchant)}/terminals/${e(terminal)}/batches/${e(batchNo)}`;
}
