import { createHash } from 'node:crypto';
import type { RestoreDiff } from '../../db/restore-diff';
import { PosFailure } from '../../domain/errors';

/**
 * The rules a restore keeps about what it would drop (issue 16): the
 * technician sees the drop before confirming, the confirmation names exactly
 * that drop (a token of it: a sale made in between makes it stale), and
 * approved transactions not yet settled and uploaded are never dropped.
 */
export interface RestorePreview extends Omit<
  RestoreDiff,
  'marks' | 'settledBatches' | 'openBatch'
> {
  /** The backup's file name as given. */
  file: string;
  /** Why the restore would be refused, if it would. */
  refusal: 'RESTORE_DROPS_UNSETTLED' | null;
  /** What `restore` must be given to confirm this very preview. */
  confirm: string;
  /** The numbers the restored database goes on after. */
  numbers: RestoreDiff['marks'];
}

/** Names the drop: counts and which approved transactions, not the audit entries (those are carried). */
export function confirmToken(file: string, diff: RestoreDiff): string {
  const what = JSON.stringify([
    file,
    diff.transactions,
    diff.settlements,
    diff.unsettledApproved,
    diff.approvedElectronic.map((t) => [t.id, t.state, t.settled]),
  ]);
  return createHash('sha256').update(what).digest('hex').slice(0, 24);
}

export function toPreview(file: string, diff: RestoreDiff): RestorePreview {
  const { marks, settledBatches: _settled, openBatch: _open, ...rest } = diff;
  return {
    ...rest,
    file,
    refusal: diff.unsettledApproved > 0 ? 'RESTORE_DROPS_UNSETTLED' : null,
    confirm: confirmToken(file, diff),
    numbers: marks,
  };
}

/** Throws the refusal a diff calls for; a stale confirmation when the drop changed since the preview. */
export function guardDrop(file: string, diff: RestoreDiff, confirm: string | undefined): void {
  if (diff.unsettledApproved > 0) {
    throw new PosFailure({
      code: 'RESTORE_DROPS_UNSETTLED',
      params: { count: diff.unsettledApproved },
    });
  }
  if (confirm !== undefined && confirm !== confirmToken(file, diff)) {
    throw new PosFailure({ code: 'RESTORE_PREVIEW_STALE' });
  }
}
