import { maskCardData } from '../../../preload/contract';
import { fail } from '../../domain/errors';
import { isTraining } from '../../settings/schema';
import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function catalogueHandlers(s: ApiServices): DomainHandlers<'catalogue'> {
  return {
    // Cashiers see active products only; managers may ask for the deactivated ones too.
    // A card number typed into the search is not refused (it is search as you
    // type) but masked first: it is never searched for, logged or audited in clear.
    search: (input, ctx) => ({
      products: s.catalogue.search({
        query: maskCardData(input.query),
        limit: input.limit,
        includeInactive: input.includeInactive && requireSession(ctx).role !== 'cashier',
      }),
    }),
    lookup: ({ code }) => s.catalogue.lookup(code),
    get: ({ id }) => ({ product: s.catalogue.get(id) }),
    categories: () => ({ categories: s.catalogue.categories() }),

    add: (input, ctx) => s.catalogueAdmin.add(input, requireSession(ctx)),
    edit: (input, ctx) => s.catalogueAdmin.edit(input, requireSession(ctx)),
    setActive: (input, ctx) => s.catalogueAdmin.setActive(input, requireSession(ctx)),
    setPrice: (input, ctx) => s.catalogueAdmin.setPrice(input, requireSession(ctx)),
    addCategory: (input, ctx) => s.catalogueAdmin.addCategory(input, requireSession(ctx)),
    renameCategory: (input, ctx) => s.catalogueAdmin.renameCategory(input, requireSession(ctx)),

    uploadChunk: (input) => s.catalogueTransfer.uploadChunk(input),
    previewImport: (input) => s.catalogueTransfer.preview(input),
    applyImport: (input, ctx) => s.catalogueTransfer.apply(input, requireSession(ctx)),
    export: ({ format }, ctx) => s.catalogueTransfer.export(format, requireSession(ctx)),

    getScaleTemplates: () => s.scaleTemplates.get(),
    saveScaleTemplates: ({ templates }, ctx) =>
      s.scaleTemplates.save(templates, requireSession(ctx)),
    loadDemo: (_input, ctx) => {
      if (!isTraining(s.settings.get())) fail('CATALOGUE_DEMO_TRAINING_ONLY');
      return s.loadDemoCatalogue(requireSession(ctx).operatorNo);
    },
  };
}
