import { create } from 'zustand';
import type {
  AppInfo,
  HostSignInOutcome,
  HostStatus,
  PosError,
  Session,
} from '../../../preload/contract';
import { pos, whenSignedOut } from '../lib/pos';

export type Screen =
  | { name: 'boot' }
  | { name: 'setup' }
  | { name: 'sign-in' }
  | {
      name: 'change-password';
      operatorNo: string;
      currentPassword: string;
      reason: 'default' | 'expired' | 'reset';
      passwordLength: number;
    }
  | { name: 'standby' }
  | { name: 'sale' }
  | { name: 'balance' }
  | { name: 'print-queue' }
  | { name: 'history' }
  | { name: 'reports' }
  | { name: 'find-original'; mode: 'void' | 'refund' }
  | { name: 'settlement' }
  | { name: 'preauth' }
  | { name: 'tech-qr' }
  | { name: 'tech-policy' }
  | { name: 'operators' }
  | { name: 'audit' }
  | { name: 'sign-off' }
  | { name: 'data-care' }
  | { name: 'diagnostics' }
  | { name: 'peripherals' }
  | { name: 'tech-back-office' }
  | { name: 'tech-keys' }
  | { name: 'tech-host' }
  | { name: 'catalogue' }
  | { name: 'catalogue-transfer' }
  | { name: 'scale-templates' }
  | { name: 'checkout-rules' }
  | { name: 'cash-move' }
  | { name: 'cash-float' }
  | { name: 'returns' };

interface AppState {
  info: AppInfo | null;
  session: Session | null;
  screen: Screen;
  bootError: PosError | null;
  /** A one-off message for the next screen (an i18n key), e.g. after setup. */
  notice: string | null;
  /** How the host sign-in went when the operator signed in. */
  hostSignIn: HostSignInOutcome | null;
  hostStatus: HostStatus | null;
  setHostStatus(status: HostStatus): void;
  refreshHostStatus(): Promise<void>;
  /** Re-reads app info and picks the screen the terminal should be on. */
  refresh(): Promise<void>;
  go(screen: Screen): void;
  signedIn(session: Session, host?: HostSignInOutcome): void;
  signOff(notice?: string): Promise<void>;
}

/**
 * Where a cashier's sign-in or reload goes first, asked of the main side, which
 * holds the drawer: a shift already counted (the app restarted after the blind
 * count) goes on to sign-off; a shift with no float yet where the shop keeps
 * floats asks for it before anything else (issue 15).
 */
async function drawerScreen(session: Session | null): Promise<Screen | null> {
  if (session?.role !== 'cashier') return null;
  const r = await pos().cash.status({});
  if (!r.ok) return null;
  if (r.value.count) return { name: 'sign-off' };
  return r.value.floatFen === null && r.value.floatRequired ? { name: 'cash-float' } : null;
}

function homeScreen(info: AppInfo, session: Session | null): Screen {
  if (!info.configured) return { name: 'setup' };
  return session ? { name: 'standby' } : { name: 'sign-in' };
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  session: null,
  screen: { name: 'boot' },
  bootError: null,
  notice: null,
  hostSignIn: null,
  hostStatus: null,
  setHostStatus(status) {
    set({ hostStatus: status });
  },
  async refreshHostStatus() {
    const r = await pos().host.status({});
    if (r.ok) set({ hostStatus: r.value });
  },
  async refresh() {
    const r = await pos().app.info({});
    if (!r.ok) {
      set({ bootError: r.error });
      return;
    }
    const home = homeScreen(r.value, r.value.session);
    const drawer = home.name === 'standby' ? await drawerScreen(r.value.session) : null;
    set({
      info: r.value,
      session: r.value.session,
      screen: drawer ?? home,
      bootError: null,
    });
    // A reload with a session still open: standby shows the host's state as before.
    if (r.value.session) void get().refreshHostStatus();
  },
  go(screen) {
    set({ screen, notice: null });
  },
  signedIn(session, host) {
    const info = get().info;
    set({
      session,
      hostSignIn: host ?? null,
      screen: info && !info.configured ? { name: 'setup' } : { name: 'standby' },
    });
    void get().refreshHostStatus();
    if (info?.configured)
      void drawerScreen(session).then((screen) => {
        // Only if the cashier is still on the standby this sign-in opened.
        if (screen && get().session === session && get().screen.name === 'standby') set({ screen });
      });
  },
  async signOff(notice) {
    await pos().auth.signOff({});
    set({ session: null, notice: notice ?? null, hostSignIn: null });
    await get().refresh();
  },
}));

// A call refused as NOT_SIGNED_IN while this page shows someone signed in: the
// session ended elsewhere (another window signed off, the till restarted).
// Back to the sign-in screen, saying why, instead of a screen that refuses all.
whenSignedOut(() => {
  const { session, refresh } = useAppStore.getState();
  if (!session) return;
  useAppStore.setState({ session: null, hostSignIn: null, notice: 'app.sessionEnded' });
  void refresh();
});
