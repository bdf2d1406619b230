import type { SyncRepo } from '../db/repos/sync';
import {
  PART_SIZE,
  createPartsDigest,
  headerBody,
  partBody,
  sha256Hex,
  type BatchHeader,
} from './protocol';

/**
 * Freezes a settled batch for upload: the header, every part's exact bytes
 * and digest, and the commit digest, written to SQLite by the caller's
 * transaction (the settlement's), so the upload is the batch as it was
 * settled and a retry after a crash re-sends exactly the same bytes.
 * One page of at most PART_SIZE transactions is in memory at a time.
 * Returns false (writing nothing) when the batch was already frozen.
 */
export function freezeBatch(
  sync: SyncRepo,
  b: Omit<BatchHeader, 'txCount' | 'partsTotal'>,
  now: number,
): boolean {
  const txCount = sync.countTransactions(b.batchNo);
  const partsTotal = Math.ceil(txCount / PART_SIZE);
  const header = headerBody({ ...b, txCount, partsTotal });
  if (
    !sync.insertBatch({
      batchNo: b.batchNo,
      merchant: b.merchant,
      terminal: b.terminal,
      txCount,
      partsTotal,
      headerBody: header,
      now,
    })
  ) {
    return false;
  }
  const digest = createPartsDigest();
  let afterId = 0;
  let partNo = 0;
  for (;;) {
    const page = sync.transactionsPage(b.batchNo, afterId, PART_SIZE);
    const first = page[0];
    const last = page[page.length - 1];
    if (!first || !last) break;
    partNo += 1;
    const body = partBody(b.batchNo, partNo, page);
    const sha256 = sha256Hex(body);
    sync.insertPart(b.batchNo, {
      partNo,
      txCount: page.length,
      firstTxId: first.id,
      lastTxId: last.id,
      sha256,
      body,
    });
    digest.add(sha256);
    afterId = last.id;
  }
  // Counted and paged in the same transaction: anything else is a bug, and
  // throwing rolls the whole settlement step back rather than freezing a lie.
  if (partNo !== partsTotal) {
    throw new Error(`batch ${b.batchNo}: ${partsTotal} parts counted but ${partNo} read`);
  }
  sync.setPartsSha256(b.batchNo, digest.hex(), now);
  return true;
}
