import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../main/app/csp';

// Cheap static checks of the security baseline (ENGINEERING.md) on files that
// `npm run security` (Electronegativity) can't judge or can't see: the CSP
// string, the packaged app's Electron fuses, the page's HTML, and the shape of
// the window options the scanner has to be able to read.

const root = join(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} given twice`).toBe(false);
    map.set(name.toLowerCase(), values);
  }
  return map;
}

describe('CSP of app:// (main/app/csp.ts)', () => {
  const csp = directives(APP_CSP);

  it('allows no inline or eval’d code and nothing from anywhere but the app itself', () => {
    expect(APP_CSP).not.toMatch(
      /'unsafe-|'strict-dynamic'|\*|\bhttps?:|\bwss?:|\bblob:|\bfilesystem:/i,
    );
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('gives the page no network: it reaches main over IPC only', () => {
    expect(csp.get('connect-src')).toEqual(["'none'"]);
  });

  it('closes plugins, <base>, form posts and framing', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lists only directives we know, so a typo cannot drop a rule unnoticed', () => {
    expect([...csp.keys()].sort()).toEqual(
      [
        'base-uri',
        'connect-src',
        'default-src',
        'form-action',
        'frame-ancestors',
        'img-src',
        'object-src',
        'script-src',
        'style-src',
      ].sort(),
    );
  });
});

describe('electron-builder.yml', () => {
  const yml = read('electron-builder.yml');

  function block(name: string): Map<string, string> {
    const lines = yml.split('\n');
    const start = lines.findIndex((l) => l.trimEnd() === `${name}:`);
    expect(start, `${name}: block`).toBeGreaterThanOrEqual(0);
    const entries = new Map<string, string>();
    for (const line of lines.slice(start + 1)) {
      if (/^\S/.test(line)) break; // next top-level key
      const m = /^\s+([A-Za-z]+):\s*([^#\s]+)/.exec(line);
      if (m?.[1] && m[2]) entries.set(m[1], m[2]);
    }
    return entries;
  }

  it('sets the Electron fuses that keep the packaged app from being run as something else', () => {
    const fuses = block('electronFuses');
    expect(Object.fromEntries(fuses)).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      grantFileProtocolExtraPrivileges: 'false',
      enableCookieEncryption: 'true',
    });
  });

  it('packages into an asar (the asar fuses above need one)', () => {
    expect(yml).not.toMatch(/^asar:\s*false/m);
  });

  it('keeps every native addon the main process loads out of the asar', () => {
    const unpacked = yml
      .slice(yml.indexOf('asarUnpack:'))
      .split('\n')
      .slice(1)
      .filter((l) => /^\s+- /.test(l))
      .map((l) => l.replace(/^\s+- /, '').trim());
    // Each dependency whose addon is a prebuilt .node file, and where that file lives.
    for (const dir of ['better-sqlite3', '@serialport/bindings-cpp', '@node-usb/usb-linux-x64-gnu'])
      expect(
        unpacked.some((glob) => `node_modules/${dir}/x.node`.startsWith(glob.replace(/\*\*$/, ''))),
        `${dir} unpacked`,
      ).toBe(true);
  });
});

describe('main/app sources', () => {
  const files = readdirSync(join(root, 'main/app'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`main/app/${f}`, read(`main/app/${f}`)] as const);

  it('never weaken the baseline, accept bad certificates or hide findings from the scanner', () => {
    const forbidden = [
      /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /allowRunningInsecureContent\s*:\s*true/,
      /webviewTag\s*:\s*true/,
      /experimentalFeatures|enableBlinkFeatures/,
      /bypassCSP/,
      /'certificate-error'|setCertificateVerifyProc/,
      /disable-web-security|ignore-certificate-errors|remote-debugging|inspect-brk/,
      /shell\.openExternal/,
      /eng-disable/,
    ];
    for (const [file, text] of files)
      for (const pattern of forbidden) expect(text, `${file}: ${pattern}`).not.toMatch(pattern);
  });

  it('enable the sandbox for every renderer', () => {
    expect(read('main/app/index.ts')).toMatch(/^app\.enableSandbox\(\);$/m);
  });

  it('give new BrowserWindow a plain object literal for webPreferences (Electronegativity cannot see through anything else)', () => {
    const text = read('main/app/window.ts');
    const source = ts.createSourceFile('window.ts', text, ts.ScriptTarget.Latest, true);
    const windows: ts.NewExpression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow')
        windows.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(windows).toHaveLength(1);
    for (const win of windows) {
      const [options] = win.arguments ?? [];
      expect(options && ts.isObjectLiteralExpression(options)).toBe(true);
      const prefs = (options as ts.ObjectLiteralExpression).properties.find(
        (p) => p.name?.getText() === 'webPreferences',
      );
      expect(prefs && ts.isPropertyAssignment(prefs)).toBe(true);
      const value = (prefs as ts.PropertyAssignment).initializer;
      expect(ts.isObjectLiteralExpression(value), value.getText()).toBe(true);
      const literal = value as ts.ObjectLiteralExpression;
      expect(literal.properties.some(ts.isSpreadAssignment)).toBe(false);
      const flags = new Map(
        literal.properties
          .filter(ts.isPropertyAssignment)
          .map((p) => [p.name.getText(), p.initializer.getText()]),
      );
      for (const [name, expected] of Object.entries({
        contextIsolation: 'true',
        sandbox: 'true',
        nodeIntegration: 'false',
        webSecurity: 'true',
      }))
        expect(flags.get(name), name).toBe(expected);
    }
  });
});

describe('renderer/index.html', () => {
  const html = read('renderer/index.html');

  it('has no inline script, no inline handlers, nothing remote and no webview', () => {
    for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
      expect(script).toMatch(/\bsrc=/);
      expect(script).toMatch(/>\s*<\/script>$/);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<webview|<iframe|<object|<embed/i);
  });
});

// No <meta> CSP in renderer/index.html, on purpose: both shells send the CSP as a
// response header (app:// in main/app/protocol.ts, the web shell in
// main/web/server.ts), which also carries frame-ancestors (a meta tag can't), and
// a static meta tag would block the Vite dev server's inline React refresh
// preamble in `npm run dev`. The header on every app:// response is asserted in
// electron-shell.test.ts; the web shell's in tests/integration/web.
