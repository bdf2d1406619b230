import { create } from 'zustand';
import type { PrintJob } from '../../../preload/contract';
import { pos } from '../lib/pos';

interface PrintState {
  jobs: Record<number, PrintJob>;
  load(): Promise<void>;
  retry(): Promise<void>;
  upsert(job: PrintJob): void;
  /** Listens for job changes pushed by the main side; returns the unsubscribe. */
  subscribe(): () => void;
}

export const usePrintStore = create<PrintState>((set, get) => ({
  jobs: {},
  async load() {
    const r = await pos().print.jobs({});
    if (r.ok) set({ jobs: Object.fromEntries(r.value.jobs.map((j) => [j.id, j])) });
  },
  async retry() {
    const r = await pos().print.retry({});
    if (r.ok) for (const j of r.value.jobs) get().upsert(j);
    await get().load();
  },
  upsert(job) {
    set((s) => ({ jobs: { ...s.jobs, [job.id]: job } }));
  },
  subscribe() {
    return pos().events.on('print:jobChanged', (job) => get().upsert(job));
  },
}));

export function waitingJobs(jobs: Record<number, PrintJob>): PrintJob[] {
  return Object.values(jobs).filter(
    (j) => j.state === 'waiting' || j.state === 'queued' || j.state === 'printing',
  );
}
