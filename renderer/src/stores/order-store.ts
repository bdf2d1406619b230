import { create } from 'zustand';
import type { OrderView } from '../../../preload/contract';
import { pos } from '../lib/pos';

/**
 * The order at the counter as the main side last answered it. The basket lives
 * in SQLite (every change is committed before the answer); this store only
 * mirrors the latest OrderView so the screens can draw it.
 */
interface OrderState {
  order: OrderView | null;
  set(order: OrderView | null): void;
  /** Asks the main side for the order at the counter (after a restart, a sign-in, a payment). */
  load(): Promise<void>;
}

export const useOrderStore = create<OrderState>((set) => ({
  order: null,
  set(order) {
    set({ order });
  },
  async load() {
    const r = await pos().order.current({});
    if (r.ok) set({ order: r.value.order });
  },
}));
