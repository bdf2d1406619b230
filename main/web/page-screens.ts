import { openScreen, type Screen } from '../core/screen-scope';

/** How long a page's screen outlives its last socket, for the page to reconnect to it. */
export const PAGE_GRACE_MS = 3_000;
/** WebSocket close code (RFC 6455 §7.4.1) a browser sends when the page unloads (reload, tab closed). */
const CLOSE_GOING_AWAY = 1001;
/** What the web transport sends as its page id (preload/web-transport.ts): random, URL-safe. */
const PAGE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface SocketScreen {
  readonly screen: Screen;
  /** The socket closed with this code. */
  closed(code: number): void;
}

/**
 * The web shell's screens (screen-scope.ts). A socket is one screen, except
 * that a page whose connection dropped under it (a glitch, not a reload: the
 * renderer's transport reconnects at once, presenting the same page id) keeps
 * its screen and the card wait on it. A page that unloads says so (close code
 * 1001) and its screen ends at once; one that went without a word (its
 * renderer crashed) ends when no socket of it came back within PAGE_GRACE_MS.
 * A socket without a page id (a test, a tool) is a screen of its own.
 */
export function createPageScreens(graceMs = PAGE_GRACE_MS) {
  const pages = new Map<
    string,
    { screen: Screen; sockets: number; timer: ReturnType<typeof setTimeout> | null }
  >();

  const end = (page: string) => {
    const entry = pages.get(page);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    pages.delete(page);
    entry.screen.close();
  };

  return {
    open(page: string | null): SocketScreen {
      if (page === null || !PAGE_ID.test(page)) {
        const screen = openScreen();
        return { screen, closed: () => screen.close() };
      }
      let entry = pages.get(page);
      if (!entry) {
        entry = { screen: openScreen(), sockets: 0, timer: null };
        pages.set(page, entry);
      }
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      entry.sockets += 1;
      const mine = entry;
      return {
        screen: mine.screen,
        closed(code) {
          mine.sockets -= 1;
          if (mine.sockets > 0 || pages.get(page) !== mine) return;
          if (code === CLOSE_GOING_AWAY) return end(page);
          mine.timer = setTimeout(() => end(page), graceMs);
        },
      };
    },
    /** The shell stops: every page's screen ends now. */
    closeAll() {
      for (const page of [...pages.keys()]) end(page);
    },
  };
}
