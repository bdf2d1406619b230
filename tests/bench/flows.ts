import { randomBytes } from 'node:crypto';
import type { CardOutcome, Result } from '../../preload/contract';
import { TRAINING_PIN } from '../../native/pinpad/test-cards';
import { ok } from '../support/core';
import { padPhase, type BenchTill } from './till';

/**
 * What a cashier does, one function per flow, for the flat-cost comparison
 * (flat-cost.ts runs each flow on tills with 0, 100k and 1M transactions of
 * history). `run` is the timed part; `settle` (untimed) lets the background
 * work of one operation finish before the next starts, as the seconds between
 * two customers do. To compare a new flow (e.g. an order with a basket), add
 * one here and list it in FLOWS.
 */
export interface Flow {
  name: string;
  run(till: BenchTill): Promise<void>;
  settle?(till: BenchTill): Promise<void>;
}

const ITEMS = [
  { name: '矿泉水', quantity: 2, unitPriceFen: 350 },
  { name: '面包', quantity: 1, unitPriceFen: 534 },
];

/** A request id as a shell's call carries one (recorded with the change, issue 16). */
const call = () => ({ requestId: randomBytes(16).toString('hex') });

/** A cash sale through the contract: from the call to its answer (the receipt prints after). */
export const cashSale: Flow = {
  name: 'cash sale (contract call)',
  async run(till) {
    const r = await till.core.dispatch('sale:cash', { items: ITEMS, tenderedFen: 2000 }, call());
    if (!r.ok) throw new Error(`sale:cash failed: ${JSON.stringify(r.error)}`);
  },
  async settle(till) {
    await till.core.internals.print.drain();
  },
};

/**
 * A card sale end to end on loopback: the tender, the card and PIN on the
 * simulated PIN pad, the training host's approval over TCP, until the TCP
 * printer simulator has received both copies' bytes.
 */
export const cardSale: Flow = {
  name: 'card sale (tender → host → receipts printed)',
  async run(till) {
    const { core, pinpad, printer } = till;
    const printed = printer.jobs().length;
    const sale = core.dispatch('card:sale', { amountFen: 1234 }, call()) as Promise<
      Result<CardOutcome>
    >;
    await padPhase(pinpad, 'card');
    await ok(core, 'pinpad:presentCard', { cardId: 'approve' });
    await padPhase(pinpad, 'pin');
    for (const key of TRAINING_PIN) await ok(core, 'pinpad:key', { key });
    await ok(core, 'pinpad:key', { key: 'enter' });
    const r = await sale;
    if (!r.ok || r.value.outcome !== 'approved')
      throw new Error(`card sale not approved: ${JSON.stringify(r)}`);
    await printer.waitForJobs(printed + r.value.printJobs.length);
  },
};

export const FLOWS: readonly Flow[] = [cashSale, cardSale];
