import { writeSync } from 'node:fs';

/**
 * Named crash points for the crash-safety suite (tests/faults, issue 16 item
 * 11 d): the terminal process is killed (SIGKILL, as a power cut would stop
 * it) at an exact dangerous instant — between a commit's last write and its
 * COMMIT, right after a COMMIT, after the host or gateway answered and before
 * the answer is recorded, inside the outbox delivery and the print queue, between
 * an abandon's or a return's steps and their voids and refunds.
 *
 * Armed only by the environment variable POS_CRASH_POINT="name:hits" read
 * once at start: the process dies at the `hits`-th time `name` is reached. It
 * first writes "CRASH-POINT name hits" to stderr so the suite can count which
 * point a kill hit. Unarmed (always, outside the suite), `crashPoint` is an
 * empty function: nothing is compared, counted or allocated.
 */
export const CRASH_POINTS = [
  /** Inside a write transaction: everything written, COMMIT not yet run (all of it must vanish). */
  'commit:before',
  /** COMMIT returned; the caller has not answered yet (all of it must be kept, and found). */
  'commit:after',
  /** The call's reply is recorded; the web shell has not sent it (the answer is lost). */
  'reply:before-send',
  /** The acquirer host's answer has arrived; nothing of it is recorded yet. */
  'host:answered',
  /** The QR gateway's answer has arrived; nothing of it is recorded yet. */
  'gateway:answered',
  /** An outbox row is about to be delivered. */
  'outbox:deliver',
  /** The receiver took an outbox row; it is not marked done yet. */
  'outbox:delivered',
  /** A print job is marked printing; its bytes are not sent yet. */
  'print:send',
  /** The printer took a job's bytes; it is not marked printed yet. */
  'print:sent',
  /** An abandon's next step is chosen; its void or refund is not sent yet. */
  'undo:step',
  /** A return's step is marked started (committed); its void or refund is not sent yet. */
  'return:started',
  /** A return step's void or refund has answered; the step is not linked to it yet. */
  'return:sent',
] as const;
export type CrashPointName = (typeof CRASH_POINTS)[number];

export const CRASH_POINT_ENV = 'POS_CRASH_POINT';

function armed(spec: string | undefined): ((name: CrashPointName) => void) | null {
  if (!spec) return null;
  const m = /^([a-z]+:[a-z-]+):([1-9]\d*)$/.exec(spec);
  if (!m || !(CRASH_POINTS as readonly string[]).includes(m[1]!))
    throw new Error(`${CRASH_POINT_ENV}="${spec}": 崩溃点无效 / not a crash point name:hits`);
  const target = m[1];
  let left = Number(m[2]);
  return (name) => {
    if (name !== target || --left > 0) return;
    writeSync(2, `CRASH-POINT ${name} ${m[2]}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}

const hit = armed(process.env[CRASH_POINT_ENV]);

/** The process dies here when the suite armed this point (see above); otherwise nothing. */
export const crashPoint: (name: CrashPointName) => void = hit ?? (() => undefined);
