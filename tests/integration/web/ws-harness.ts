/**
 * The web shell for attack tests: a set-up till (terminal configured, cashier
 * 01 signed in with a ¥0.00 float) behind the real web shell, and clients that
 * speak the wire protocol over real WebSockets (preload/wire.ts). A command's
 * request id is made fresh per call unless the test gives one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { listChannels, type Result } from '../../../preload/contract';
import { createLogger } from '../../../main/core/logger';
import type { PosCore } from '../../../main/core/pos-core';
import { startWebShell, type WebShell } from '../../../main/web/server';
import { SETUP, setUpTerminal, signInCashier, startCore, tempDir } from '../../support/core';

const COMMANDS = new Set(
  listChannels()
    .filter(([, s]) => s.mutates)
    .map(([name]) => name),
);

export interface WebClient {
  ws: WebSocket;
  /** Sends a request frame; the reply's result. Commands get a fresh request id unless given one. */
  call(channel: string, input?: unknown, requestId?: string | null): Promise<Result<unknown>>;
  /** Sends raw text; resolves with the next reply frame (any id), or null after `waitMs`. */
  raw(text: string, waitMs?: number): Promise<unknown>;
  close(): void;
}

export interface WebTill {
  core: PosCore;
  shell: WebShell;
  dir: string;
  logFile: string;
  client(): Promise<WebClient>;
  close(): Promise<void>;
}

export const newRequestId = () => randomBytes(16).toString('hex');

export async function webTill(opts: { signedIn?: boolean } = {}): Promise<WebTill> {
  const tmp = tempDir('pos-web-attack-');
  const staticDir = join(tmp.dir, 'web');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>POS</title>');
  const { core } = await startCore(join(tmp.dir, 'data'));
  if (opts.signedIn !== false) {
    await setUpTerminal(core, SETUP);
    await signInCashier(core);
  }
  const logFile = join(tmp.dir, 'web.log');
  const shell = await startWebShell({
    core,
    staticDir,
    logger: createLogger({ file: logFile, level: 'debug' }),
  });
  const clients: WebSocket[] = [];
  let nextId = 1;

  async function client(): Promise<WebClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api?token=${shell.token}`);
    clients.push(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return {
      ws,
      call(channel, input = {}, requestId) {
        const id = nextId++;
        const rid =
          requestId === null
            ? undefined
            : (requestId ?? (COMMANDS.has(channel) ? newRequestId() : undefined));
        return new Promise((resolve) => {
          const onMessage = (data: WebSocket.RawData) => {
            const frame = JSON.parse(String(data)) as { id?: number; result?: Result<unknown> };
            if (frame.id === id) {
              ws.off('message', onMessage);
              resolve(frame.result!);
            }
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id, channel, input, ...(rid ? { requestId: rid } : {}) }));
        });
      },
      raw(text, waitMs = 500) {
        return new Promise((resolve) => {
          const timer = setTimeout(() => {
            ws.off('message', onMessage);
            resolve(null);
          }, waitMs);
          const onMessage = (data: WebSocket.RawData) => {
            const frame = JSON.parse(String(data)) as { event?: string };
            if (frame.event) return;
            clearTimeout(timer);
            ws.off('message', onMessage);
            resolve(frame);
          };
          ws.on('message', onMessage);
          ws.send(text);
        });
      },
      close: () => ws.close(),
    };
  }

  return {
    core,
    shell,
    dir: tmp.dir,
    logFile,
    client,
    async close() {
      for (const ws of clients) ws.terminate();
      await shell.close();
      await core.close();
      tmp.remove();
    },
  };
}
