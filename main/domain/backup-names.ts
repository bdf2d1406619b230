/**
 * Backup file names and the daily schedule, as pure rules: a name carries
 * when it was made (local time, to the millisecond), the batch open then, the
 * schema version and the kind, so the folder lists itself without a catalogue.
 */
export type BackupKind = 'manual' | 'scheduled' | 'safety';

const NAME =
  /^pos-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})(?:-b(\d{6}))?-v(\d+)-(manual|scheduled|safety)\.sqlite$/;

const two = (n: number) => String(n).padStart(2, '0');

function stamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-` +
    `${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}-` +
    String(d.getMilliseconds()).padStart(3, '0')
  );
}

/** Parses a backup file name; null for anything else in the folder. */
export function parseBackupName(
  file: string,
): { at: number; batchNo: string | null; version: number; kind: BackupKind } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number) as number[];
  return {
    at: new Date(y!, mo! - 1, d!, h!, mi!, s!, ms!).getTime(),
    batchNo: m[8] ?? null,
    version: Number(m[9]),
    kind: m[10] as BackupKind,
  };
}

/** The latest daily backup time (local `dailyAt`) at or before `now`. */
export function lastDailyAt(now: number, dailyAt: { hour: number; minute: number }): number {
  const d = new Date(now);
  const today = new Date(d.getFullYear(), d.getMonth(), d.getDate(), dailyAt.hour, dailyAt.minute);
  if (today.getTime() <= now) return today.getTime();
  return new Date(
    d.getFullYear(),
    d.getMonth(),
    d.getDate() - 1,
    dailyAt.hour,
    dailyAt.minute,
  ).getTime();
}

/** The next daily backup time strictly after `now`. */
export function nextDailyAt(now: number, dailyAt: { hour: number; minute: number }): number {
  const last = new Date(lastDailyAt(now, dailyAt));
  return new Date(
    last.getFullYear(),
    last.getMonth(),
    last.getDate() + 1,
    dailyAt.hour,
    dailyAt.minute,
  ).getTime();
}

export function backupFileName(
  at: number,
  batchNo: string | null,
  version: number,
  kind: BackupKind,
): string {
  return `pos-${stamp(at)}${batchNo ? `-b${batchNo}` : ''}-v${version}-${kind}.sqlite`;
}
