import type {
  CardOutcome,
  OrderView,
  PosError,
  Result,
  ScanOutcome,
} from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { pinyinInitials } from '../../../main/domain/catalogue/pinyin';
import { padShows, presentCardAndPin } from '../cards/harness';
import { clearCatalogue } from '../../support/catalogue';

/** A few products as a shop would have them (valid EAN-13 check digits, outside the demo catalogue's 690–693). */
export const PRODUCTS = {
  cola: { code: '10001', barcode: '4891234567898', name: '可口可乐', spec: '500ml', priceFen: 300 },
  chips: { code: '10002', barcode: '4891234567904', name: '乐事薯片', spec: '75g', priceFen: 850 },
  water: {
    code: '10003',
    barcode: '4891234567911',
    name: '农夫山泉',
    spec: '550ml',
    priceFen: 200,
  },
  // per kg; a scale label carries PLU 10004
  banana: { code: '10004', barcode: '4891234567928', name: '香蕉', spec: '', priceFen: 698 },
} as const;

/** Puts the products in the catalogue (test set-up, straight through the repository). */
export function stockCatalogue(core: PosCore): Record<keyof typeof PRODUCTS, number> {
  clearCatalogue(core); // in place of the demo catalogue training mode starts with
  const { repos } = core.internals;
  const now = Date.now();
  const ids = {} as Record<keyof typeof PRODUCTS, number>;
  repos.inTransaction(() => {
    for (const [key, p] of Object.entries(PRODUCTS) as Array<
      [keyof typeof PRODUCTS, (typeof PRODUCTS)[keyof typeof PRODUCTS]]
    >) {
      const weighable = key === 'banana';
      const id = repos.catalogue.insert(
        {
          code: p.code,
          name: p.name,
          spec: p.spec,
          unit: weighable ? 'kg' : '瓶',
          priceFen: p.priceFen,
          categoryId: null,
          weighable,
          active: true,
          pinyin: pinyinInitials(p.name),
          demo: false,
        },
        now,
      );
      repos.catalogue.replaceBarcodes(id, [{ barcode: p.barcode, symbology: 'ean13' }]);
      ids[key] = id;
    }
  });
  return ids;
}

export async function call<T>(core: PosCore, channel: string, input: unknown = {}): Promise<T> {
  const r = (await core.dispatch(channel, input)) as Result<T>;
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function refused(
  core: PosCore,
  channel: string,
  input: unknown = {},
): Promise<PosError> {
  const r = await core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was expected to fail but gave ${JSON.stringify(r.value)}`);
  return r.error;
}

export async function scan(core: PosCore, code: string, quantity?: number): Promise<ScanOutcome> {
  return call<ScanOutcome>(core, 'order:scan', quantity ? { code, quantity } : { code });
}

export async function scanned(core: PosCore, code: string, quantity?: number): Promise<OrderView> {
  const r = await scan(core, code, quantity);
  if (r.kind !== 'added') throw new Error(`scan of ${code} gave ${JSON.stringify(r)}`);
  return r.order;
}

/** Pays the order by card at the simulated PIN pad. */
export async function payByCard(
  core: PosCore,
  orderId: number,
  cardId = 'approve',
): Promise<{ order: OrderView; outcome: CardOutcome; printJobs: unknown[] }> {
  const paying = core.dispatch('order:payCard', { orderId }) as Promise<
    Result<{ order: OrderView; outcome: CardOutcome; printJobs: unknown[] }>
  >;
  await padShows(core, 'card');
  await presentCardAndPin(core, cardId);
  const r = await paying;
  if (!r.ok) throw new Error(`order:payCard failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
