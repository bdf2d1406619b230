/**
 * The web shell's HTTP side under attack: request targets no URL can be made
 * of, methods it doesn't serve, upgrades to the wrong place or without the
 * token. Each refusal names what was wrong, Chinese first, English second,
 * carries the guard headers, and the shell keeps answering afterwards.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill;
beforeAll(async () => {
  till = await webTill({ signedIn: false });
});
afterAll(async () => {
  await till.close();
});

/** Writes a raw request and collects what comes back until the server closes (or 2 s). */
function raw(lines: string[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(till.shell.port, '127.0.0.1');
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(out));
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    setTimeout(() => socket.destroy(), 2000);
  });
}

const host = () => `Host: 127.0.0.1:${till.shell.port}`;
const cookie = () => `Cookie: pos_token=${till.shell.token}`;
const upgrade = [
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Sec-WebSocket-Version: 13',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
];

/** Status, headers (lower-case names) and body of a raw answer. */
function parse(answer: string) {
  const [head = '', ...rest] = answer.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of headerLines) {
    const at = l.indexOf(':');
    headers[l.slice(0, at).toLowerCase()] = l.slice(at + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

async function shellAnswers() {
  const c = await till.client();
  expect(await c.call('app:info')).toMatchObject({ ok: true });
  c.close();
}

/** Chinese words, then " / ", then English words. */
const ZH_THEN_EN = /^[^\x20-\x7e].* \/ [A-Za-z]/;

describe('web shell: HTTP and upgrade attacks', () => {
  it('an upgrade whose target is no URL (`//[`) is refused 400 and the till keeps running', async () => {
    for (const target of ['//[', 'http://[::1', '//a:b@[']) {
      const r = parse(await raw([`GET ${target} HTTP/1.1`, host(), cookie(), ...upgrade]));
      expect(r.status).toBe(400);
      expect(r.body).toMatch(ZH_THEN_EN);
      expect(r.body).toContain('malformed request URL');
    }
    await shellAnswers();
  });

  it('a page request with such a target is refused 400 (not a 500)', async () => {
    const r = parse(await raw(['GET //[ HTTP/1.1', host(), cookie(), 'Connection: close']));
    expect(r.status).toBe(400);
    expect(r.body).toContain('请求地址无效');
  });

  it('every refusal names why, zh first, and carries the guard headers', async () => {
    const cases: Array<[string[], number, string]> = [
      [['GET /nope HTTP/1.1', host(), cookie()], 404, 'not found'],
      [['GET / HTTP/1.1', host()], 403, 'token'],
      [['GET / HTTP/1.1', 'Host: evil.example', cookie()], 421, 'wrong host'],
      [['POST / HTTP/1.1', host(), cookie(), 'Content-Length: 0'], 405, 'only GET and HEAD'],
      [['OPTIONS / HTTP/1.1', host(), cookie()], 405, 'only GET and HEAD'],
    ];
    for (const [lines, status, words] of cases) {
      const r = parse(await raw([...lines, 'Connection: close']));
      expect(r.status, lines[0]).toBe(status);
      expect(r.body.replace(/^[0-9a-f]+\r\n/, ''), lines[0]).toMatch(ZH_THEN_EN);
      expect(r.body).toContain(words);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['cache-control']).toBe('no-store');
      if (status === 405) expect(r.headers.allow).toBe('GET, HEAD');
    }
  });

  it('a refused upgrade says what was wrong: path, host, origin, token', async () => {
    const t = () => `?token=${till.shell.token}`;
    const cases: Array<[string[], number, string]> = [
      [[`GET /ws${t()} HTTP/1.1`, host()], 404, '/api'],
      [[`GET /api${t()} HTTP/1.1`, 'Host: evil.example'], 421, 'wrong host'],
      [[`GET /api${t()} HTTP/1.1`, host(), 'Origin: http://evil.example'], 403, 'another site'],
      [['GET /api?token=nope HTTP/1.1', host()], 403, 'token'],
      [['GET /api HTTP/1.1', host()], 403, 'token'],
    ];
    for (const [lines, status, words] of cases) {
      const r = parse(await raw([...lines, ...upgrade]));
      expect(r.status, lines.join(' ')).toBe(status);
      expect(r.body).toMatch(ZH_THEN_EN);
      expect(r.body).toContain(words);
      expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
    }
    await shellAnswers();
  });
});
