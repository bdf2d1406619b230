import { AsyncLocalStorage } from 'node:async_hooks';
import { PinPadError, type PinPad } from '../../native/pinpad';

/**
 * The screen a call came from: one WebSocket of the web shell, one page load
 * of the Electron window. It owns the PIN-pad waits its calls started (the
 * card, then the PIN). When the screen goes away — the page reloads, its
 * renderer crashes, the tab closes — nobody is left to see the wait or press
 * 取消 on it: the customer would stand at a pad asking for a card for a sale
 * the cashier no longer sees. So its waits are cancelled as the pad's own 取消
 * cancels them. Work already past the pad (the request at the host) is not a
 * wait and is never touched: it finishes, and reverses if it must, as always.
 */
export interface Screen {
  readonly closed: boolean;
  /**
   * Registers a wait at the PIN pad; `cancel` ends it if the screen goes away
   * first. Returns the release to call when the wait is over.
   */
  hold(cancel: () => void): () => void;
  /** The screen went away: every wait it holds is cancelled; later ones are refused at once. */
  close(): void;
}

export function openScreen(): Screen {
  const waits = new Set<() => void>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    hold(cancel) {
      if (closed) {
        cancel();
        return () => undefined;
      }
      // Its own entry: the same cancel held twice is two waits.
      const entry = () => cancel();
      waits.add(entry);
      return () => void waits.delete(entry);
    },
    close() {
      if (closed) return;
      closed = true;
      const all = [...waits];
      waits.clear();
      for (const cancel of all) cancel();
    },
  };
}

const screens = new AsyncLocalStorage<Screen>();

/** Runs a call from `screen`; everything it starts (awaits included) belongs to that screen. */
export function runInScreen<T>(screen: Screen, fn: () => T): T {
  return screens.run(screen, fn);
}

/** The screen the current work came from, or null (an in-process caller: tests, start-up). */
export function currentScreen(): Screen | null {
  return screens.getStore() ?? null;
}

/**
 * The PIN pad as the services see it: each card or PIN wait is held by the
 * screen whose call asked for it. Cancelling one does what 取消 does
 * (card:cancel): the wait's signal aborts and the device is told to stop, so
 * the read fails (PINPAD_SCREEN_CLOSED, not the pad's PINPAD_CANCELLED, so the
 * page that finds the transaction afterwards says why), nothing is sent and
 * the pad goes idle.
 */
export function screenScopedPinPad(pad: PinPad): PinPad {
  function held<T>(
    signal: AbortSignal | undefined,
    ask: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    const screen = currentScreen();
    if (!screen) return ask(signal);
    // The screen went while the call was on its way to the pad (signing in to
    // the host, flushing reversals): the pad never asks the customer at all.
    if (screen.closed) return Promise.reject(screenClosed());
    const gone = new AbortController();
    const release = screen.hold(() => {
      gone.abort();
      pad.cancel();
    });
    const both = signal ? AbortSignal.any([signal, gone.signal]) : gone.signal;
    // Released before the caller resumes: a PIN wait that follows is its own.
    // A wait ended because its screen went is named so: the page that finds
    // the transaction afterwards must not tell the cashier someone pressed 取消.
    return ask(both)
      .catch((err: unknown) => {
        if (gone.signal.aborted && err instanceof PinPadError && err.code === 'PINPAD_CANCELLED')
          throw screenClosed();
        throw err;
      })
      .finally(release);
  }
  return {
    get kind() {
      return pad.kind;
    },
    loadPinKey: (pikUnderTmk, checkValue) => pad.loadPinKey(pikUnderTmk, checkValue),
    readCard: (req) => held(req.signal, (signal) => pad.readCard({ ...req, signal })),
    readPin: (req) => held(req.signal, (signal) => pad.readPin({ ...req, signal })),
    display: (lines) => pad.display(lines),
    cancel: () => pad.cancel(),
  };
}

const screenClosed = () =>
  new PinPadError('PINPAD_SCREEN_CLOSED', 'the screen that asked has gone');
