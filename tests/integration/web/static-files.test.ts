import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PosCore } from '../../../main/core/pos-core';
import { createLogger } from '../../../main/core/logger';
import { startWebShell, type WebShell } from '../../../main/web/server';
import { readStatic } from '../../../main/web/static-files';
import { startCore, tempDir } from '../../support/core';

// The renderer as the build leaves it: hashed assets with .br and .gz copies beside them.
const tmp = tempDir();
const root = join(tmp.dir, 'web');
const APP = 'console.log("收银台");'.repeat(50);
const ASSET = 'assets/index-B_C-kMot.js';
let core: PosCore;
let shell: WebShell;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>POS</title>');
  writeFileSync(join(root, ASSET), APP);
  writeFileSync(join(root, `${ASSET}.br`), brotliCompressSync(APP));
  writeFileSync(join(root, `${ASSET}.gz`), gzipSync(APP));
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  core = (await startCore(join(tmp.dir, 'data'))).core;
  shell = await startWebShell({ core, staticDir: root, logger: createLogger({ level: 'error' }) });
});

afterAll(async () => {
  await shell.close();
  await core.close();
  tmp.remove();
});

describe('the renderer served compressed, with cache headers', () => {
  it('sends the brotli copy to a browser that takes it, else gzip, else the file', async () => {
    const br = await readStatic(root, `/${ASSET}`, 'gzip, deflate, br, zstd');
    expect(br?.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br!.body).toString()).toBe(APP);
    expect(br?.type).toMatch(/javascript/);

    const gz = await readStatic(root, `/${ASSET}`, 'gzip');
    expect(gz?.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz!.body).toString()).toBe(APP);

    const refused = await readStatic(root, `/${ASSET}`, 'br;q=0, gzip;q=0');
    expect(refused?.headers['content-encoding']).toBeUndefined();
    expect(refused?.body.toString()).toBe(APP);
    expect((await readStatic(root, `/${ASSET}`))?.body.toString()).toBe(APP);
    // No compressed copy: the file as it is.
    expect((await readStatic(root, '/favicon.svg', 'br'))?.headers['content-encoding']).toBe(
      undefined,
    );
  });

  it('lets the browser keep hashed assets for good, and fetch index.html every time', async () => {
    const asset = await readStatic(root, `/${ASSET}`, 'br');
    expect(asset?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset?.headers.vary).toBe('accept-encoding');
    expect((await readStatic(root, '/'))?.headers['cache-control']).toBe('no-store');
    expect((await readStatic(root, '/favicon.svg'))?.headers['cache-control']).toBe('no-store');
  });

  it('still serves nothing outside the folder', async () => {
    expect(await readStatic(root, '/../data/pos.sqlite', 'br')).toBeNull();
    expect(await readStatic(root, '/%2e%2e/data/pos.sqlite')).toBeNull();
  });

  it('puts the headers on the wire', async () => {
    const r = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: shell.port,
            path: `/${ASSET}`,
            headers: { cookie: `pos_token=${shell.token}`, 'accept-encoding': 'br' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(brotliDecompressSync(r.body).toString()).toBe(APP);
  });
});
