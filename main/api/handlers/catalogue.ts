import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function catalogueHandlers(s: ApiServices): DomainHandlers<'catalogue'> {
  return {
    // Cashiers see active products only; managers may ask for the deactivated ones too.
    search: (input, ctx) => ({
      products: s.catalogue.search({
        query: input.query,
        limit: input.limit,
        includeInactive: input.includeInactive && requireSession(ctx).role !== 'cashier',
      }),
    }),
    lookup: ({ code }) => s.catalogue.lookup(code),
    get: ({ id }) => ({ product: s.catalogue.get(id) }),
    categories: () => ({ categories: s.catalogue.categories() }),
  };
}
