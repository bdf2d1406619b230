import type { ApiServices, DomainHandlers } from '../types';

export function printHandlers(s: ApiServices): DomainHandlers<'print'> {
  return {
    jobs: () => ({ jobs: s.print.list() }),
    retry: async () => ({ jobs: await s.print.retryNow() }),
    preview: (input) => s.print.preview(input.jobId),
    reprint: (input) => ({ jobs: s.sale.reprint(input.txId) }),
  };
}
