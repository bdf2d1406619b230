import { APP_SCHEME } from './protocol';

/**
 * The origin of a URL as Chromium sees it, for the sender and navigation checks.
 * Node's URL (what main runs) gives the opaque origin 'null' for schemes it does
 * not know, app:// included, although Electron registers app:// as a standard
 * scheme whose pages have the origin app://pos; comparing `new URL(u).origin`
 * with APP_ORIGIN would refuse our own page. Unparseable URLs and every other
 * opaque origin give null, which no allow-list contains.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') {
    return `${parsed.protocol}//${parsed.host}`;
  }
  return null;
}
