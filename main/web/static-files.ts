import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Encodings the build writes beside each text file (vite.config.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Vite names the files under assets/ after a hash of their content, so one
 * name never changes content: the browser may keep them for good. Anything
 * else (index.html, which names this build's assets) is fetched every time.
 */
const HASHED = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export interface StaticFile {
  body: Buffer;
  type: string;
  /** cache-control, and content-encoding + vary when a compressed copy is sent. */
  headers: Record<string, string>;
}

/** The encodings the request accepts (`accept-encoding`), with `q=0` meaning no. */
function accepted(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

/**
 * Reads a file under `root` for a URL path; null for anything outside it or
 * missing. The build's precompressed copy (brotli, else gzip) is sent when
 * the browser takes it.
 */
export async function readStatic(
  root: string,
  urlPath: string,
  acceptEncoding?: string,
): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const cache = HASHED.test(relative.split(sep).join('/'))
    ? 'public, max-age=31536000, immutable'
    : 'no-store';
  const vary = 'accept-encoding';
  const takes = accepted(acceptEncoding);
  for (const encoding of ENCODINGS) {
    if (!takes.has(encoding.name)) continue;
    const body = await readFile(file + encoding.suffix).catch(() => null);
    if (body)
      return {
        body,
        type,
        headers: { 'cache-control': cache, 'content-encoding': encoding.name, vary },
      };
  }
  try {
    return { body: await readFile(file), type, headers: { 'cache-control': cache, vary } };
  } catch {
    return null;
  }
}
