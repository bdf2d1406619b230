import { randomBytes } from 'node:crypto';
import { buildWorkingKeysField, verifyX919Mac } from '../crypto';
import { macData, type IsoMessage } from '../iso8583';
import { text } from '../messages';
import { RC, field60, terminalOf } from './common';
import { knownTerminal, type HostContext, type Session } from './context';
import { handleFinancial } from './financial';
import { answer, type Decision } from './reply';
import { handleBatchUpload, handleSettlement } from './settlement';
import type { TrainingTerminal } from './types';

/** Requests that must carry a valid MAC under the terminal's current MAK. */
const MACED: readonly string[] = ['0200', '0220', '0100', '0400', '0500', '0320'];

function macValid(body: Buffer, req: IsoMessage, mak: Buffer): boolean {
  const mac = req.fields.get(64);
  return Buffer.isBuffer(mac) && verifyX919Mac(mak, macData(body), mac);
}

/**
 * Decides the answer to one parsed request. `body` is the request body as
 * received (MTI onwards), which the MAC covers.
 */
export function handleRequest(ctx: HostContext, req: IsoMessage, body: Buffer): Decision {
  const now = ctx.now();
  const terminalId = terminalOf(req);
  const terminal = knownTerminal(ctx, terminalId, text(req, 42));
  if (!terminal) return answer(req, RC.unknownTerminal, now, null);

  if (req.mti === '0800') return signIn(ctx, terminal, req, now);
  if (req.mti === '0820') return networkManagement(ctx, terminal, req, now);
  if (!MACED.includes(req.mti)) return answer(req, RC.invalidTransaction, now, null);

  const session = ctx.sessions.get(terminal.terminal);
  // No keys yet, or a MAC that doesn't verify: A0 without a MAC, since the
  // host can't know which key the terminal would check it with.
  if (!session || !macValid(body, req, session.mak)) return answer(req, RC.macError, now, null);

  if (req.mti === '0500') return handleSettlement(ctx, terminal, session, req, now);
  if (req.mti === '0320') return handleBatchUpload(ctx, terminal, session, req, now);
  return handleFinancial(ctx, terminal, session, req, now);
}

/** 0800 with 60.3 = 003: fresh working keys under the terminal's TMK. */
function signIn(
  ctx: HostContext,
  terminal: TrainingTerminal,
  req: IsoMessage,
  now: Date,
): Decision {
  const f60 = field60(req);
  if (!f60) return answer(req, RC.formatError, now, null);
  if (f60.networkCode !== '003') return answer(req, RC.invalidTransaction, now, null);
  const session: Session = { pik: newKey(), mak: newKey(), batch: f60.batch };
  ctx.sessions.set(terminal.terminal, session);
  return answer(req, RC.approved, now, null, [
    [62, buildWorkingKeysField(terminal.tmk, session.pik, session.mak)],
  ]);
}

/** 0820: 301 echo test; 002 sign-off (the terminal's keys are forgotten). */
function networkManagement(
  ctx: HostContext,
  terminal: TrainingTerminal,
  req: IsoMessage,
  now: Date,
): Decision {
  const f60 = field60(req);
  if (!f60) return answer(req, RC.formatError, now, null);
  if (f60.networkCode === '301') return answer(req, RC.approved, now, null);
  if (f60.networkCode === '002') {
    ctx.sessions.delete(terminal.terminal);
    return answer(req, RC.approved, now, null);
  }
  return answer(req, RC.invalidTransaction, now, null);
}

/** A random double-length DES key with odd parity in every byte, as an HSM would issue. */
function newKey(): Buffer {
  const key = randomBytes(16);
  for (let i = 0; i < key.length; i++) {
    const b = (key[i] ?? 0) & 0xfe;
    let ones = 0;
    for (let bit = 1; bit < 0x100; bit <<= 1) if (b & bit) ones++;
    key[i] = ones % 2 === 0 ? b | 1 : b;
  }
  return key;
}
