import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusOf, type HandoffRecord } from '../../server/handoff/handoffs.ts';
import { flowReducer, initialState, restoreState } from '../../src/core/flow.ts';
import { handoffLink, handoffSecretFrom, parseHandoffStatus, type HandoffStatus } from '../../src/core/handoff.ts';
import { statusEvent } from '../../src/submit/followHandoff.ts';
import { progressOf } from '../../src/ui/handoff/useHandoffReports.ts';
import { makeSession } from '../sessionFixture.ts';

const record = (overrides: Partial<HandoffRecord> = {}): HandoffRecord => ({
  id: 'h1',
  session: makeSession(),
  choices: { country: 'LT', documentType: 'ID_CARD' },
  claimKey: 'k',
  claimBy: 1_000,
  expiresAt: 5_000,
  phone: null,
  progress: null,
  ...overrides,
});

describe('the handoff link', () => {
  it('carries the secret in the fragment only, and reads it back from any page address', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.constantFrom('https://shop.example/verify?step=2', 'http://127.0.0.1:5173/'), (secret, page) => {
        const link = new URL(handoffLink(page, secret));
        expect(link.search).toBe(new URL(page).search);
        expect(handoffSecretFrom(link.hash)).toBe(secret);
      }),
    );
    expect(handoffSecretFrom('#handoff=short')).toBeNull();
    expect(handoffSecretFrom('#other=1')).toBeNull();
  });
});

describe('the status a desktop sees', () => {
  const facts = { revoked: false, sentScanRef: null, now: 500 };
  it('goes waiting → expired unclaimed, connected → step → sending once claimed, and sent wins over all', () => {
    expect(statusOf(record(), facts)).toEqual({ kind: 'WAITING', claimBy: 1_000 });
    expect(statusOf(record(), { ...facts, now: 1_000 })).toEqual({ kind: 'EXPIRED' });
    // Claimed in time, the claim window no longer matters; the session's end does.
    expect(statusOf(record({ phone: 'p' }), { ...facts, now: 2_000 })).toEqual({ kind: 'CONNECTED' });
    expect(statusOf(record({ phone: 'p', progress: { kind: 'STEP', step: 2, of: 3 } }), facts)).toEqual({ kind: 'STEP', step: 2, of: 3 });
    expect(statusOf(record({ phone: 'p' }), { ...facts, now: 5_000 })).toEqual({ kind: 'EXPIRED' });
    expect(statusOf(record({ phone: 'p' }), { ...facts, revoked: true })).toEqual({ kind: 'REVOKED' });
    expect(statusOf(record({ phone: 'p' }), { ...facts, revoked: true, sentScanRef: 'scan-1' })).toEqual({ kind: 'SENT', scanRef: 'scan-1' });
  });

  it('reads status events as the stream sends them, and nothing else', () => {
    const statuses: HandoffStatus[] = [{ kind: 'WAITING', claimBy: 3 }, { kind: 'CONNECTED' }, { kind: 'STEP', step: 1, of: 3 }, { kind: 'SENDING' }, { kind: 'SENT', scanRef: 's' }, { kind: 'REVOKED' }, { kind: 'EXPIRED' }];
    for (const status of statuses) {
      expect(statusEvent(`event: status\ndata: ${JSON.stringify(status)}`)).toEqual(status);
      expect(parseHandoffStatus(JSON.parse(JSON.stringify(status)))).toEqual(status);
    }
    expect(statusEvent(': heartbeat')).toBeNull();
    expect(statusEvent('retry: 2000\n: connected')).toBeNull();
    expect(statusEvent('event: status\ndata: {"kind":"SENT"}')).toBeNull();
  });
});

describe('the flow on either side', () => {
  it('moves a desktop to done when the phone sent, from a step only', () => {
    const state = initialState(makeSession());
    expect(flowReducer(state, { type: 'HANDED_OFF', scanRef: 'scan-1' }).screen).toEqual({ kind: 'DONE', scanRef: 'scan-1' });
    const submitting = { ...state, screen: { kind: 'SUBMITTING' as const, attempt: 1, progress: 0, phase: { kind: 'SENDING' as const } } };
    expect(flowReducer(submitting, { type: 'HANDED_OFF', scanRef: 'scan-1' })).toBe(submitting);
  });

  it('starts the phone at the first photo with the desktop’s choices, and reports photo n of m, then sending', () => {
    const phone = restoreState(initialState(makeSession()), { choices: { country: 'LT', documentType: 'ID_CARD' }, stepId: 'REVIEW', images: {} });
    expect(progressOf(phone)).toEqual({ kind: 'STEP', step: 1, of: 3 });
    expect(progressOf({ ...phone, screen: { kind: 'SUBMITTING', attempt: 1, progress: 0, phase: { kind: 'SENDING' } } })).toEqual({ kind: 'SENDING' });
    expect(progressOf(initialState(makeSession()))).toBeNull();
  });
});
