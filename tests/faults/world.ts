import { randomBytes } from 'node:crypto';
import { startTrainingHost, type TrainingHost } from '../../main/host/training';
import { startTrainingGateway, type TrainingGateway } from '../../main/qr';
import { startPrinterSimulator, type PrinterSimulator } from '../../native/printer/simulator';
import { startBackOffice, type BackOffice } from '../backoffice/server';
import type { ChildConfig } from './protocol';
import { readJob, type PrintedJob } from './receipts';
import type { Rng } from './rng';

/**
 * The world outside the terminal, in the parent process so that its records
 * outlive every kill: the acquirer host, the QR gateway, the receipt printer
 * and the back office, with seeded network faults.
 */
export interface Env {
  host: TrainingHost;
  gateway: TrainingGateway;
  printer: PrinterSimulator;
  office: BackOffice;
  base: Omit<ChildConfig, 'mode' | 'settleOpen'>;
  injected409: Set<string>;
  /** Every job the printer received, read back, with the round it arrived in. */
  printed: PrintedJob[];
  /** Rounds whose printer faults were armed (a job may go twice there). */
  printerFaultRounds: Set<number>;
  /** The round now running (the printer stamps arriving jobs with it). */
  round: number;
}

const MERCHANT = '898310148160001';
export const TERMINAL = 'T0000001';
const BO_TOKEN = 'bo-token-faults-5f2c9a71';

function componentsOf(key: Buffer): string[] {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
}

export async function startWorld(dir: string): Promise<Env> {
  const tmk = randomBytes(16);
  const gatewayToken = randomBytes(16).toString('hex');
  const host = await startTrainingHost({
    terminals: [{ terminal: TERMINAL, merchant: MERCHANT, tmk }],
  });
  const gateway = await startTrainingGateway({
    token: gatewayToken,
    holdMs: 2500,
    confirmAfterQueries: 1,
  });
  const printed: PrintedJob[] = [];
  const env: Partial<Env> & { printed: PrintedJob[]; round: number } = { printed, round: 0 };
  const printer = await startPrinterSimulator({
    onJob: (job) => printed.push(readJob(job, printed.length, env.round)),
  });
  const office = await startBackOffice({ token: BO_TOKEN, keepBodies: false });
  return Object.assign(env, {
    host,
    gateway,
    printer,
    office,
    injected409: new Set<string>(),
    printerFaultRounds: new Set<number>(),
    base: {
      dir,
      merchant: MERCHANT,
      terminal: TERMINAL,
      hostPort: host.port,
      printerPort: printer.port,
      gatewayUrl: gateway.baseUrl,
      gatewayToken,
      backOfficeUrl: office.baseUrl,
      backOfficeToken: BO_TOKEN,
      tmkComponents: componentsOf(tmk),
    },
  });
}

export async function stopWorld(env: Env) {
  await env.host.close();
  await env.gateway.close();
  await env.printer.close();
  await env.office.close();
}

/** Arms a seeded mix of network faults for the next round (most rounds get none). */
export function armFaults(env: Env, r: Rng): string[] {
  const armed: string[] = [];
  const n = 1 + r.int(3);
  if (r.chance(0.35)) {
    const kind = r.int(6);
    if (kind === 0) env.host.faults.dropNext(n);
    else if (kind === 1) env.host.faults.silentNext(n);
    else if (kind === 2) env.host.faults.garbageNext(n);
    else if (kind === 3)
      env.host.faults.delayNext(n, 1500); // after the 1 s timeout
    else if (kind === 4) env.host.faults.failReversals(n, r.chance(0.5) ? 'silent' : '96');
    else env.host.faults.failAfter(r.int(4), 'drop');
    armed.push(
      `host:${['drop', 'silent', 'garbage', 'late', 'reversals', 'failAfter'][kind]}×${n}`,
    );
  }
  if (r.chance(0.2)) {
    const kind = r.chance(0.5) ? 'http-500' : 'drop';
    env.gateway.failNext(n, kind);
    armed.push(`gateway:${kind}×${n}`);
  }
  if (r.chance(0.25)) {
    const how = (['drop', 'lose-reply', 'stall', 503, 500] as const)[r.int(5)]!;
    env.office.failNext(n, how);
    armed.push(`backoffice:${how}×${n}`);
  }
  if (r.chance(0.03)) {
    // A back office that answers 409 when it should not: the product gives the batch up (dead,
    // for a person to look at), never overwrites; the harness notes which batch it hit.
    env.office.failNext(1, 409, (q) => q.kind === 'header');
    armed.push('backoffice:409');
  }
  if (r.chance(0.15)) {
    env.printer.disconnectNext(n);
    env.printerFaultRounds.add(env.round);
    armed.push(`printer:disconnect×${n}`);
  }
  return armed;
}

export function disarm(env: Env) {
  env.host.faults.reset();
  env.gateway.failNext(0);
  env.office.failNext(0);
  env.printer.disconnectNext(0);
}

/** The back office's settled batches: transaction ids by batch number. */
export function backOfficeIds(env: Env): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const q of env.office.requests())
    if (q.status === 409 && q.batchNo) env.injected409.add(q.batchNo);
  for (const b of env.office.batches())
    if (b.terminal === TERMINAL && b.commit)
      out.set(b.batchNo, new Set(b.parts.flatMap((p) => p.ids)));
  return out;
}
