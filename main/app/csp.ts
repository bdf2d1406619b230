/**
 * The Content-Security-Policy of the Electron renderer, sent as a response
 * header on every app:// page (main/app/protocol.ts). Kept in its own module,
 * free of 'electron', so tests/unit/security and `npm run security` can check
 * the exact string the app sends: no inline or eval'd script, no remote
 * sources, no network from the page (it talks to main over IPC only).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
