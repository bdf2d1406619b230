import type { ApiShape } from './api';
import { contract, events, listChannels } from './contract';

/** The names of every channel and event in the contract (what createPosApi needs). */
export function contractShape(): ApiShape {
  return {
    channels: Object.fromEntries(
      Object.entries(contract).map(([domain, methods]) => [domain, Object.keys(methods)]),
    ),
    commands: listChannels()
      .filter(([, spec]) => spec.mutates)
      .map(([name]) => name),
    events: Object.keys(events),
  };
}
