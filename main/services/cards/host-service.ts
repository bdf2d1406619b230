import type { HostStatus, PosError } from '../../../preload/contract';
import type { PinPad } from '../../../native/pinpad';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import { crashPoint } from '../../core/crash-point';
import type { EventBus } from '../../core/events';
import type { Logger } from '../../core/logger';
import type { Repositories } from '../../db';
import { fail, PosFailure } from '../../domain/errors';
import { endpointLabel, exchange, type ExchangeResult, type HostEndpoint } from '../../host/client';
import { KeyCheckError, parseWorkingKeys } from '../../host/crypto';
import type { IsoMessage } from '../../host/iso8583';
import {
  echoRequest,
  matchesRequest,
  packWithMac,
  responseCode,
  signInRequest,
  text,
  type TerminalIds,
} from '../../host/messages';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { KeyService } from './key-service';
import { batchFill } from './batch-room';

/** How early a once-a-second countdown tick may fire and still count as the whole second. */
const TICK_SLACK_MS = 50;

/** The working keys and host time from the last successful sign-in (memory only). */
interface HostSession {
  mak: Buffer;
  hostTimeOffsetMs: number;
  signedInAt: number;
}

export interface HostServiceDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  keys: KeyService;
  pinpad: PinPad;
  events: EventBus;
  logger: Logger;
  /** Where the acquirer is: the configured host, or the in-process training host. */
  endpoint(): Promise<HostEndpoint>;
  /** Counts for the status line; the reversal service supplies them. */
  reversalCounts?(): { pending: number; blocked: boolean };
  /** Fresh keys: whatever waited for them (pending reversals) can go now. */
  onSignedIn?(): void;
}

/** hhmmss + MMDD from a reply, as a time in the terminal's year. */
/**
 * The host's clock from the sign-in reply (12 hhmmss, 13 MMDD; no year).
 * Exported for tests. The year is the one that puts it nearest the
 * terminal's clock — around New Year the host may already (or still) be on
 * the other side of it, and "this year" would be a year off. An impossible
 * time (month 13, 25 o'clock, 31 February) is no time: null, not a date that
 * JavaScript rolls over into another one.
 */
export function hostTimeOf(reply: IsoMessage, now: number): number | null {
  const t = text(reply, 12);
  const d = text(reply, 13);
  if (!t || !d || !/^\d{6}$/.test(t) || !/^\d{4}$/.test(d)) return null;
  const [month, day, hour, minute, second] = [
    d.slice(0, 2),
    d.slice(2),
    t.slice(0, 2),
    t.slice(2, 4),
    t.slice(4),
  ].map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const year = new Date(now).getFullYear();
  let best: number | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const at = new Date(y, month - 1, day, hour, minute, second);
    if (at.getMonth() !== month - 1 || at.getDate() !== day) continue; // rolled over: not a date that year
    if (best === null || Math.abs(at.getTime() - now) < Math.abs(best - now)) best = at.getTime();
  }
  return best;
}

/**
 * The terminal's conversation with the acquirer host: 签到 (keys, host time),
 * echo test, and a checked exchange for financial messages.
 */
export function createHostService(deps: HostServiceDeps) {
  const { repos, settings, clock, keys, pinpad, events, logger } = deps;
  let session: HostSession | null = null;
  let lastError: PosError | null = null;

  function ids(): TerminalIds {
    const p = settings.get();
    if (!p.configured || !p.terminalNumber || !p.merchantNumber) fail('NOT_CONFIGURED');
    return {
      terminal: p.terminalNumber,
      merchant: p.merchantNumber,
      batch: repos.counters.currentBatch(clock.now()),
    };
  }

  function nextTrace(): string {
    return repos.inTransaction(() => repos.counters.nextTrace());
  }

  /** Maps a network result that isn't a reply to the cashier's words. */
  function networkError(
    endpoint: HostEndpoint,
    result: Exclude<ExchangeResult, { kind: 'reply' }>,
  ): PosFailure {
    const address = endpointLabel(endpoint);
    if (result.kind === 'not-sent')
      return result.reason === 'tls'
        ? new PosFailure({ code: 'HOST_TLS_FAILED', params: { address, detail: result.detail } })
        : new PosFailure({ code: 'HOST_UNREACHABLE', params: { address } });
    if (result.reason === 'timeout')
      return new PosFailure({
        code: 'HOST_TIMEOUT',
        params: { address, seconds: Math.round(endpoint.timeoutMs / 1000) },
      });
    return new PosFailure({ code: 'HOST_BAD_REPLY', params: { address } });
  }

  function status(): HostStatus {
    const counts = deps.reversalCounts?.() ?? { pending: 0, blocked: false };
    return {
      training: isTraining(settings.get()),
      signedIn: session !== null,
      hostTime: session ? iso(clock.now() + session.hostTimeOffsetMs) : null,
      pendingReversals: counts.pending,
      cardsBlocked: counts.blocked,
      lastError,
      batchFill: batchFill(repos),
    };
  }

  const publish = () => events.emit('host:status', status());

  const api = {
    ids,
    nextTrace,
    status,
    publish,
    /** The MAC key, or a clear error telling the cashier to sign in. */
    mak(): Buffer {
      if (!session) fail('HOST_SIGN_IN_REQUIRED');
      return session.mak;
    },
    isSignedIn: () => session !== null,

    /** 签到: 0800 → 0810 with field 62 keys checked under the TMK, PIN key into the PIN pad. */
    async signIn(operatorNo: string): Promise<{ hostTime: string }> {
      try {
        const tmk = keys.tmk();
        if (!tmk) fail('TMK_MISSING');
        const terminal = ids();
        const request = signInRequest(terminal, nextTrace(), operatorNo);
        const endpoint = await deps.endpoint();
        const result = await exchange(endpoint, packWithMac(request, null));
        if (result.kind !== 'reply') throw networkError(endpoint, result);
        const match = matchesRequest(request, result.message);
        if (!match.ok) {
          logger.warn('sign-in reply does not match the request', { why: match.why });
          fail('HOST_BAD_REPLY', { address: endpointLabel(endpoint) });
        }
        const code = responseCode(result.message);
        if (code === '97')
          fail('TERMINAL_NOT_REGISTERED', {
            terminal: terminal.terminal,
            merchant: terminal.merchant,
          });
        if (code !== '00') fail('HOST_REFUSED', { code: code ?? '??' });
        const field62 = result.message.fields.get(62);
        if (!Buffer.isBuffer(field62)) fail('KEYS_INVALID');
        let working: { pik: Buffer; mak: Buffer };
        try {
          working = parseWorkingKeys(field62, tmk);
        } catch (err) {
          if (err instanceof KeyCheckError) fail('KEYS_INVALID');
          throw err;
        }
        // The PIN pad gets the PIN key as the host sent it (under the TMK) with its check value.
        await pinpad.loadPinKey(
          field62.subarray(0, 16),
          field62.subarray(16, 20).toString('hex').toUpperCase(),
        );
        working.pik.fill(0);
        const now = clock.now();
        const hostTime = hostTimeOf(result.message, now) ?? now;
        session = { mak: working.mak, hostTimeOffsetMs: hostTime - now, signedInAt: now };
        lastError = null;
        repos.audit.append(
          { operatorNo, action: 'host.signin', detail: { hostTime: iso(hostTime) } },
          now,
        );
        deps.onSignedIn?.();
        return { hostTime: iso(hostTime) };
      } catch (err) {
        session = null;
        if (err instanceof PosFailure) lastError = err.error;
        throw err;
      } finally {
        publish();
      }
    },

    /** 0820 echo test: is the host there, and how fast. */
    async echo(): Promise<{ roundTripMs: number }> {
      const request = echoRequest(ids(), nextTrace());
      const endpoint = await deps.endpoint();
      const t0 = process.hrtime.bigint();
      const result = await exchange(endpoint, packWithMac(request, null));
      if (result.kind !== 'reply') throw networkError(endpoint, result);
      const match = matchesRequest(request, result.message);
      if (!match.ok) fail('HOST_BAD_REPLY', { address: endpointLabel(endpoint) });
      const code = responseCode(result.message);
      if (code === '97') {
        const t = ids();
        fail('TERMINAL_NOT_REGISTERED', { terminal: t.terminal, merchant: t.merchant });
      }
      if (code !== '00') fail('HOST_REFUSED', { code: code ?? '??' });
      return { roundTripMs: Math.max(0, Math.round(Number(process.hrtime.bigint() - t0) / 1e6)) };
    },

    /**
     * Sends a packed request and returns what happened plus the endpoint used.
     * With `progress` (a card transaction at the counter), the cashier sees
     * the phase — connecting, then sent and waiting for the host — with the
     * seconds left of each wait, ticking once a second like the QR wait.
     */
    async send(
      body: Buffer,
      opts: { progress?: boolean } = {},
    ): Promise<{ result: ExchangeResult; endpoint: HostEndpoint }> {
      const endpoint = await deps.endpoint();
      if (!opts.progress) {
        const result = await exchange(endpoint, body);
        crashPoint('host:answered');
        return { result, endpoint };
      }
      let phase: 'connecting' | 'waiting-host' = 'connecting';
      let deadline = 0;
      let timer: NodeJS.Timeout | null = null;
      const tick = () => {
        // An interval starts from the event loop's cached time, which can be a
        // few ms before the deadline was taken, so a tick may land just short
        // of a whole second: the slack keeps 3, 2, 1 from reading 3, 3, 1.
        const left = deadline - performance.now() - TICK_SLACK_MS;
        events.emit('card:progress', { phase, secondsLeft: Math.max(0, Math.ceil(left / 1000)) });
      };
      const start = (p: typeof phase, ms: number) => {
        phase = p;
        // Real (monotonic) time on purpose: the wait is the socket's real timer,
        // not the business clock.
        deadline = performance.now() + ms;
        tick();
        if (timer) clearInterval(timer);
        timer = setInterval(tick, 1000);
      };
      start('connecting', endpoint.connectTimeoutMs ?? Math.min(endpoint.timeoutMs, 10_000));
      try {
        const result = await exchange(endpoint, body, () =>
          start('waiting-host', endpoint.timeoutMs),
        );
        crashPoint('host:answered');
        return { result, endpoint };
      } finally {
        if (timer) clearInterval(timer);
      }
    },

    networkError,

    /**
     * Before a card transaction or a settlement: signs in now when the terminal
     * has no working keys (after settlement, a restart, or a sign-in that could
     * not reach the host), as the screens promise. A failed sign-in throws its
     * own reason (host unreachable, refused, keys invalid …), which is the real
     * blocker — never a later symptom such as a reversal that could not be sent.
     */
    async ensureSignedIn(operatorNo: string): Promise<void> {
      if (session === null) await api.signIn(operatorNo);
    },

    /** Keys are gone after settlement (the terminal must sign in again). */
    signOut(): void {
      session?.mak.fill(0);
      session = null;
      publish();
    },
  };
  return api;
}
export type HostService = ReturnType<typeof createHostService>;
