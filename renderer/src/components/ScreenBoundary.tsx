import { Component, type ErrorInfo, type ReactNode } from 'react';
import { withTranslation, type WithTranslation } from 'react-i18next';

interface Props extends WithTranslation {
  /** The screen shown: a new one clears the failure (its own code may load fine). */
  screenKey: string;
  /** Back to standby, when someone is signed in. */
  onStandby?: (() => void) | undefined;
  children: ReactNode;
}

/**
 * A screen that cannot be shown — its code or words failed to arrive (the
 * web shell restarted, the link dropped) or it threw while drawing — replaces
 * only itself with a bilingual notice and a way on, instead of leaving the
 * whole till blank. Its words are start-up words (the rest may be what failed).
 * A failed chunk stays failed in the page, so the way back is a reload.
 */
class Boundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is where a technician looks (DevTools); nothing secret is in a render error.
    console.error('screen failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.failed && prev.screenKey !== this.props.screenKey)
      this.setState({ failed: false });
  }

  override render(): ReactNode {
    const { t, onStandby, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <main className="screen" data-testid="screen-failed">
        <section className="panel" role="alert">
          <h1>{t('app.screenFailed')}</h1>
          <p>{t('app.screenFailedHint')}</p>
          <div className="row">
            <button
              type="button"
              className="primary"
              data-testid="screen-reload"
              onClick={() => window.location.reload()}
            >
              {t('app.reload')}
            </button>
            {onStandby && (
              <button type="button" data-testid="screen-failed-standby" onClick={onStandby}>
                {t('app.toStandby')}
              </button>
            )}
          </div>
        </section>
      </main>
    );
  }
}

export const ScreenBoundary = withTranslation()(Boundary);
