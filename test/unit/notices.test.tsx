import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { TranslationProvider } from '../../src/i18n/react.tsx';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/i18n/index.ts';
import { ConnectionStatus } from '../../src/ui/ConnectionStatus.tsx';
import { SessionTimeNotice } from '../../src/ui/SessionTimeNotice.tsx';

let wrap: (node: ReactNode) => ReactNode;
beforeAll(async () => {
  const i18n = await createI18n('en');
  wrap = (node) => <TranslationProvider i18n={i18n}>{node}</TranslationProvider>;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the session time notice', () => {
  it('stays silent until two minutes are left, then changes its words only three times', () => {
    vi.useFakeTimers({ now: 0 });
    render(wrap(<SessionTimeNotice deadline={10 * 60_000} lengthMs={10 * 60_000} renewable />));
    const region = screen.getByRole('status');
    const said: string[] = [];
    // Twelve minutes in ten-second steps: every change the live region would announce is seen.
    for (let elapsed = 0; elapsed <= 12 * 60_000; elapsed += 10_000) {
      const text = region.textContent ?? '';
      if (text !== (said.at(-1) ?? '')) said.push(text);
      if (elapsed === 7 * 60_000) expect(text).toBe('');
      act(() => void vi.advanceTimersByTime(10_000));
    }
    expect(said).toEqual([
      'Less than two minutes left to send your photos.',
      'Less than a minute left to send your photos.',
      'Your session has ended. Your photos are kept: when you send them, a new session starts by itself.',
    ]);
  });

  it('says where to go when no new session can be had', () => {
    vi.useFakeTimers({ now: 5_000 });
    render(wrap(<SessionTimeNotice deadline={1_000} lengthMs={600_000} renewable={false} />));
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended. Please start again from the service that sent you here.');
  });
});

describe('the connection line', () => {
  it('says offline while the browser is, and back online briefly after', () => {
    vi.useFakeTimers();
    const online = vi.spyOn(navigator, 'onLine', 'get');
    online.mockReturnValue(true);
    render(wrap(<ConnectionStatus />));
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent('');
    online.mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(region).toHaveTextContent('You are offline. Your photos stay on this device until the connection is back.');
    online.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('online')));
    expect(region).toHaveTextContent('Back online.');
    act(() => void vi.advanceTimersByTime(5_000));
    expect(region).toHaveTextContent('');
    online.mockRestore();
  });
});
