import { render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n';
import { pos } from '../../renderer/src/lib/pos';
import { CardTender } from '../../renderer/src/screens/sale/CardTender';
import { cardTill, presentCardAndPin, type CardTill } from '../integration/cards/harness';
import { installPos } from './in-process-pos';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

describe('a card waiting for the host (issue 18 item 7)', () => {
  it('shows "sent, waiting for the host" and the seconds left, counting down', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    installPos(till.core);
    const i18n = await createI18n('zh-CN');
    const outcomes: string[] = [];
    render(
      <I18nextProvider i18n={i18n}>
        <CardTender
          amountFen={1_234}
          start={() => pos().card.sale({ amountFen: 1_234 })}
          onOutcome={(o) => outcomes.push(o.outcome)}
          onError={(e) => outcomes.push(e.code)}
        />
      </I18nextProvider>,
    );
    await presentCardAndPin(till.core, 'no-reply');
    await waitFor(() =>
      expect(screen.getByTestId('card-tender').dataset.phase).toBe('waiting-host'),
    );
    expect(screen.getByTestId('card-phase').textContent).toBe('已发出，等待主机应答…');
    const first = Number(screen.getByTestId('card-countdown').dataset.seconds);
    expect(screen.getByTestId('card-countdown').textContent).toBe(`剩余 ${first} 秒`);
    await waitFor(
      () =>
        expect(Number(screen.getByTestId('card-countdown').dataset.seconds)).toBeLessThan(first),
      { timeout: 2_500 },
    );
    await waitFor(() => expect(outcomes).toEqual(['reversal']), { timeout: 10_000 });
  });
});
