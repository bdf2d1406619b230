import { connect, type Socket } from 'node:net';
import { exchange, type ExchangeResult, type HostEndpoint } from '../../../main/host/client';
import { parseWorkingKeys, pinBlock } from '../../../main/host/crypto';
import {
  FrameReader,
  defaultHeader,
  defaultTpdu,
  frame,
  unframe,
  unpackBody,
  type FieldValue,
  type IsoMessage,
} from '../../../main/host/iso8583';
import {
  PROCESSING,
  MSG_TYPE,
  financialRequest,
  packWithMac,
  signInRequest,
  type TerminalIds,
} from '../../../main/host/messages';
import {
  TRAINING_TMK_HEX,
  startTrainingHost,
  type TrainingHost,
  type TrainingHostOptions,
} from '../../../main/host/training';
import { TEST_CARDS, TRAINING_PIN, type TestCard } from '../../../native/pinpad/test-cards';

export const TMK = Buffer.from(TRAINING_TMK_HEX, 'hex');
export const IDS: TerminalIds = {
  terminal: 'T0000001',
  merchant: '898310148160001',
  batch: '000001',
};

export function card(id: string): TestCard {
  const found = TEST_CARDS.find((c) => c.id === id);
  if (!found) throw new Error(`no test card ${id}`);
  return found;
}

export function endpointOf(host: TrainingHost, timeoutMs = 5_000): HostEndpoint {
  return {
    host: host.host,
    port: host.port,
    tls: false,
    timeoutMs,
    tpdu: defaultTpdu(),
    header: defaultHeader(),
  };
}

export type Reply = Extract<ExchangeResult, { kind: 'reply' }>;

export function expectReply(result: ExchangeResult): Reply {
  if (result.kind !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(result)}`);
  return result;
}

export function field(msg: IsoMessage, n: number): string | undefined {
  const v = msg.fields.get(n);
  return v === undefined ? undefined : typeof v === 'string' ? v.trim() : v.toString('hex');
}

/** A copy of `msg` with fields added (or replaced) and optionally another MTI. */
export function withFields(
  msg: IsoMessage,
  extra: Array<[number, FieldValue]>,
  mti = msg.mti,
): IsoMessage {
  const fields = new Map(msg.fields);
  for (const [n, v] of extra) fields.set(n, v);
  return { mti, fields };
}

/** One terminal talking to one training host through the real client. */
export interface Terminal {
  host: TrainingHost;
  ids: TerminalIds;
  keys: { pik: Buffer; mak: Buffer } | null;
  trace(): string;
  send(msg: IsoMessage, timeoutMs?: number): Promise<ExchangeResult>;
  signIn(): Promise<{ pik: Buffer; mak: Buffer; reply: Reply }>;
  /** A 0200 built by financialRequest, PIN block from the PIN pad's algorithm. */
  cardRequest(
    c: Pick<TestCard, 'pan' | 'expiry' | 'entryMode'>,
    opts?: {
      amountFen?: number | null;
      pin?: string | null;
      processingCode?: string;
      messageTypeCode?: string;
    },
  ): IsoMessage;
}

export async function startHost(opts: TrainingHostOptions = {}): Promise<TrainingHost> {
  return startTrainingHost({
    terminals: [{ terminal: IDS.terminal, merchant: IDS.merchant, tmk: TMK }],
    ...opts,
  });
}

export function terminalOn(host: TrainingHost, ids: TerminalIds = IDS): Terminal {
  let trace = 0;
  const t: Terminal = {
    host,
    ids,
    keys: null,
    trace: () => String(++trace).padStart(6, '0'),
    send: (msg, timeoutMs) =>
      exchange(endpointOf(host, timeoutMs), packWithMac(msg, t.keys?.mak ?? null)),
    async signIn() {
      const reply = expectReply(await t.send(signInRequest(t.ids, t.trace(), '01')));
      const f62 = reply.message.fields.get(62);
      if (!Buffer.isBuffer(f62))
        throw new Error(`sign-in: no keys, 39 = ${field(reply.message, 39)}`);
      t.keys = parseWorkingKeys(f62, TMK);
      return { ...t.keys, reply };
    },
    cardRequest(c, opts = {}) {
      const pin = opts.pin === undefined ? TRAINING_PIN : opts.pin;
      const pik = t.keys?.pik;
      return financialRequest({
        ids: t.ids,
        trace: t.trace(),
        card: { pan: c.pan, expiry: c.expiry, entryMode: c.entryMode },
        pinBlock: pin && pik ? pinBlock(pin, c.pan, pik) : null,
        processingCode: opts.processingCode ?? PROCESSING.sale,
        messageTypeCode: opts.messageTypeCode ?? MSG_TYPE.sale,
        amountFen: opts.amountFen === undefined ? 1_234 : opts.amountFen,
      });
    },
  };
  return t;
}

/** A raw socket for what the client never does (several requests, bad bytes). */
export interface RawConnection {
  socket: Socket;
  /** Resolves with the next reply frame parsed, or null if the host closes first. */
  next(): Promise<IsoMessage | null>;
  closed: Promise<void>;
  write(body: Buffer): void;
}

export async function rawConnection(host: TrainingHost): Promise<RawConnection> {
  const socket = connect({ host: host.host, port: host.port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const reader = new FrameReader();
  const ready: IsoMessage[] = [];
  const waiting: Array<(m: IsoMessage | null) => void> = [];
  let ended = false;
  socket.on('data', (chunk: Buffer) => {
    for (const f of reader.push(chunk)) {
      const msg = unpackBody(unframe(f).body);
      const w = waiting.shift();
      if (w) w(msg);
      else ready.push(msg);
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      ended = true;
      for (const w of waiting.splice(0)) w(null);
      resolve();
    }),
  );
  return {
    socket,
    closed,
    next: () =>
      new Promise((resolve) => {
        const m = ready.shift();
        if (m) resolve(m);
        else if (ended) resolve(null);
        else waiting.push(resolve);
      }),
    write: (body) => socket.write(frame({ tpdu: defaultTpdu(), header: defaultHeader(), body })),
  };
}
