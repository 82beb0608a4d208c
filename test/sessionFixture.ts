import type { Session } from '../src/core/token.ts';

/** A plausible session for tests and stories: four documents, instructions on, nothing preset. */
export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    authToken: 'TOKEN123',
    scanRef: 'scan-1',
    documents: ['ID_CARD', 'PASSPORT', 'DRIVER_LICENSE', 'RESIDENCE_PERMIT'],
    additionalSteps: null,
    utilityBill: null,
    locale: null,
    country: null,
    showInstructions: true,
    expiryTime: 3600,
    sessionLength: 600,
    ...overrides,
  };
}
