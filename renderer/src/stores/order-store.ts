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
  /** A code scanned on the standby screen, waiting for the basket to add it. */
  scanned: string | null;
  handOverScan(code: string): void;
  /** The waiting scan, once: taking it clears it, so a screen drawn again cannot add it twice. */
  takeScan(): string | null;
}

export const useOrderStore = create<OrderState>((set, get) => ({
  order: null,
  scanned: null,
  handOverScan(code) {
    set({ scanned: code });
  },
  takeScan() {
    const code = get().scanned;
    if (code !== null) set({ scanned: null });
    return code;
  },
  set(order) {
    set({ order });
  },
  async load() {
    const r = await pos().order.current({});
    if (r.ok) set({ order: r.value.order });
  },
}));
