/**
 * A page that mounts <Onboarding> with the options an end-to-end test put in `window.__widget`
 * (before any script ran), and records what the host would receive: every onError payload,
 * onComplete and session renewal, in `window.__events`.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Onboarding, type OnboardingProps } from '../../src/index.ts';
import type { Session } from '../../src/core/token.ts';

interface WidgetOptions extends Omit<OnboardingProps, 'onError' | 'onComplete' | 'onSessionExpired' | 'session'> {
  /** Fetch a session here and pass it as `session`, renewing through `onSessionExpired`. */
  hostSession?: boolean;
}

declare global {
  interface Window {
    __widget?: WidgetOptions;
    __events: { type: string; payload?: unknown }[];
  }
}

window.__events = [];
const { hostSession, ...options } = window.__widget ?? {};
const record = (type: string, payload?: unknown) => window.__events.push({ type, payload: payload === undefined ? undefined : structuredClone(payload) });

async function mintSession(): Promise<Session> {
  const response = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return (await response.json()) as Session;
}

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
const session = hostSession ? await mintSession() : undefined;
createRoot(container).render(
  <StrictMode>
    <Onboarding
      {...options}
      {...(session ? { session } : {})}
      {...(hostSession
        ? {
            onSessionExpired: async () => {
              record('sessionExpired');
              return mintSession();
            },
          }
        : {})}
      onError={(error) => record('error', error)}
      onComplete={(result) => record('complete', result)}
    />
  </StrictMode>,
);
