import { z } from 'zod';
import { channel } from './channel';
import { NoInput } from './common';
import { HostSettings } from './host-settings';
import { TerminalSetup, TerminalSummary } from './terminal';

export const setup = {
  /** The wizard's current values (null before the first setup). Administrator (99). */
  get: channel(NoInput, z.object({ setup: TerminalSetup.nullable() })),
  /** Validates every field, saves atomically, audits old → new. Administrator (99). */
  save: channel(TerminalSetup, z.object({ terminal: TerminalSummary })),
  /** Acquirer host address, TLS, timeout, retries, TPDU and header. Administrator (99). */
  getHost: channel(NoInput, HostSettings),
  saveHost: channel(HostSettings, HostSettings),
};
