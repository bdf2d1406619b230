import { WEIGHABLE_UNIT, type ProductDraft } from './product-rules';

/** A weighable product with no unit given is sold by the kg. */
export function normalizeDraft(d: ProductDraft): ProductDraft {
  return d.weighable && d.unit.trim() === '' ? { ...d, unit: WEIGHABLE_UNIT } : d;
}
