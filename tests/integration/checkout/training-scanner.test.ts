import { afterEach, describe, expect, it } from 'vitest';
import type { ScanOutcome } from '../../../preload/contract';
import { TRAINING_PRODUCT_CODES } from '../../../native/scanner';
import { cardTill, type CardTill } from '../cards/harness';
import { call } from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

describe('the training scanner’s goods (training mode)', () => {
  it('are in the demo catalogue that loads at start: goods add, the scale label weighs, the unknown one is unknown', async () => {
    till = await cardTill();
    const { core } = till;
    // The panel offers them (goods first), with both names.
    const panel = await call<{ simulated: boolean; codes: Array<{ id: string; code: string }> }>(
      core,
      'scanner:panel',
    );
    expect(panel.simulated).toBe(true);
    expect(panel.codes.slice(0, TRAINING_PRODUCT_CODES.length).map((c) => c.id)).toEqual(
      TRAINING_PRODUCT_CODES.map((c) => c.id),
    );

    // A press "scans" the code: it arrives as scanner:scanned, as from a serial scanner.
    const seen: string[] = [];
    const off = core.onEvent((name, payload) => {
      if (name === 'scanner:scanned') seen.push((payload as { code: string }).code);
    });
    for (const c of TRAINING_PRODUCT_CODES) await call(core, 'scanner:simulate', { codeId: c.id });
    off();
    expect(seen).toEqual(TRAINING_PRODUCT_CODES.map((c) => c.code));

    const outcomes: Record<string, string> = {};
    for (const c of TRAINING_PRODUCT_CODES) {
      const r = await call<ScanOutcome>(core, 'order:scan', { code: c.code });
      outcomes[c.id] =
        r.kind === 'added' ? `added ${r.order.lines.find((l) => l.id === r.lineId)?.name}` : r.kind;
    }
    expect(outcomes).toEqual({
      'goods-cola': 'added 可口可乐 330ml',
      'goods-sprite': 'added 雪碧 330ml',
      'goods-water': 'added 农夫山泉饮用天然水 550ml',
      'goods-scale-pork': 'added 五花肉',
      'goods-unknown': 'unknown',
    });
    const order = (
      await call<{ order: { lines: Array<{ name: string; netFen: number }> } }>(
        core,
        'order:current',
      )
    ).order;
    expect(order.lines.find((l) => l.name === '五花肉')?.netFen).toBe(1234);
  });
});
