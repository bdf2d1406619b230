import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// README shows the counter's screens (issue 18 item 19): every image it links
// is there, and each screenshot is the counter's 1366×768, as a PNG.
const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Local image targets: Markdown `![alt](path)` and HTML `<img src="path">`. */
function imageLinks(markdown: string): string[] {
  const md = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const html = [...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)];
  return [...md, ...html]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target)); // not http(s):, data:
}

/** Width and height from a PNG's IHDR chunk; null if it is not a PNG. */
function pngSize(file: string): { width: number; height: number } | null {
  const head = readFileSync(file).subarray(0, 24);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!head.subarray(0, 8).equals(signature) || head.toString('latin1', 12, 16) !== 'IHDR')
    return null;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

describe('README images', () => {
  const links = imageLinks(readme);

  it('finds the screenshot table', () => {
    expect(links.length).toBeGreaterThanOrEqual(28);
  });

  it('every image README links is in the repository', () => {
    const missing = links.filter(
      (l) => !existsSync(resolve(dirname(join(root, 'README.md')), decodeURI(l.split('#')[0]!))),
    );
    expect(missing).toEqual([]);
  });

  it('every screenshot is a 1366×768 PNG, and none lies unused', () => {
    const dir = join(root, 'assets/screenshots');
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    const wrong = files
      .map((f) => ({ f, size: pngSize(join(dir, f)) }))
      .filter(({ size }) => size?.width !== 1366 || size.height !== 768)
      .map(({ f, size }) => `${f}: ${size ? `${size.width}×${size.height}` : 'not a PNG'}`);
    expect(wrong).toEqual([]);
    const linked = new Set(links.map((l) => l.replace(/^\.?\//, '')));
    expect(files.filter((f) => !linked.has(`assets/screenshots/${f}`))).toEqual([]);
  });
});
