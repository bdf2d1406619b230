import type { ApiShape } from './api';
import { contract, events } from './contract';

/** The names of every channel and event in the contract (what createPosApi needs). */
export function contractShape(): ApiShape {
  return {
    channels: Object.fromEntries(
      Object.entries(contract).map(([domain, methods]) => [domain, Object.keys(methods)]),
    ),
    events: Object.keys(events),
  };
}
