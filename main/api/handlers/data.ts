import type { BackupInfo } from '../../services/data-care/backup-service';
import { iso } from '../../core/clock';
import { fail } from '../../domain/errors';
import { requireSession, type ApiServices, type DomainHandlers } from '../types';

/** A backup as the screen sees it: its name, never the folder it lives in. */
function view(b: BackupInfo) {
  return {
    file: b.file,
    kind: b.kind,
    size: b.size,
    at: iso(b.at),
    batchNo: b.batchNo,
    userVersion: b.userVersion,
  };
}

export function dataHandlers(s: ApiServices): DomainHandlers<'data'> {
  const progress = (p: { phase: 'backup' | 'check' | 'swap'; percent: number }) =>
    s.events.emit('data:backupProgress', { phase: p.phase, percent: p.percent });
  return {
    backups: () => ({
      backups: s.backups.list().map(view),
      nextDueAt: iso(s.backups.nextDueAt()),
    }),
    backup: async (_input, ctx) =>
      view(await s.backups.backupNow(requireSession(ctx).operatorNo, progress)),
    previewRestore: ({ file }) => {
      const p = s.backups.preview(file);
      return {
        ...p,
        approvedElectronic: p.approvedElectronic.map((t) => ({
          ...t,
          createdAt: iso(t.createdAt),
        })),
      };
    },
    restore: async ({ file, confirm }, ctx) => {
      // The restore closes the database under every call still running: a
      // card refund waiting for the host's answer would be answered INTERNAL
      // and its row (the bank may have paid it) would leave with the old file
      // into the safety copy. It waits for them, as 交班 and 结算 do.
      const busy = s.requests.runningChannels()[0];
      if (busy) fail('RESTORE_BUSY', { channel: busy });
      const r = await s.backups.restore(file, requireSession(ctx).operatorNo, progress, confirm);
      return { ...r, safetyCopy: view(r.safetyCopy) };
    },
    exportTransactions: (input, ctx) =>
      s.exports.transactionsCsvText(input, requireSession(ctx).operatorNo),
    exportConfig: (input, ctx) => {
      const json = s.configTransfer.exportConfigJson(requireSession(ctx).operatorNo, input);
      const stamp = new Date(s.clock.now()).toISOString().slice(0, 10);
      return { fileName: `pos-config-${stamp}.json`, json };
    },
    previewConfig: ({ text }) => pick(s.configTransfer.previewImport(text)),
    importConfig: ({ text }, ctx) =>
      pick(s.configTransfer.applyImport(text, requireSession(ctx).operatorNo)),
  };
}

/** The preview without the full parameter set (the screen shows what changes). */
function pick(p: {
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  ignored: string[];
  formatVersion: number;
}) {
  return { changes: p.changes, ignored: p.ignored, formatVersion: p.formatVersion };
}
