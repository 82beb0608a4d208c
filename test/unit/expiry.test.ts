import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiryNotice, msUntilNoticeChanges, sessionDeadline, tokenDeadline, warningThreshold } from '../../src/core/expiry.ts';

const MINUTE = 60_000;

describe('session timing', () => {
  it('plans for the earlier of expiryTime and sessionLength, and keeps drafts until the token ends', () => {
    expect(sessionDeadline({ expiryTime: 3600, sessionLength: 600 }, 1_000)).toBe(1_000 + 600_000);
    expect(sessionDeadline({ expiryTime: 300, sessionLength: 600 }, 0)).toBe(300_000);
    expect(tokenDeadline({ expiryTime: 3600, sessionLength: 600 }, 0)).toBe(3_600_000);
  });

  it('says nothing until the last two minutes, then counts down in whole minutes', () => {
    const length = 10 * MINUTE;
    expect(expiryNotice(5 * MINUTE, length)).toEqual({ kind: 'NONE' });
    expect(expiryNotice(2 * MINUTE, length)).toEqual({ kind: 'LOW', minutes: 2 });
    expect(expiryNotice(61_000, length)).toEqual({ kind: 'LOW', minutes: 2 });
    expect(expiryNotice(MINUTE, length)).toEqual({ kind: 'LAST_MINUTE' });
    expect(expiryNotice(0, length)).toEqual({ kind: 'EXPIRED' });
    // A one-minute session warns at half-time, not from the start.
    expect(warningThreshold(MINUTE)).toBe(30_000);
    expect(expiryNotice(45_000, MINUTE)).toEqual({ kind: 'NONE' });
  });

  it('property: the notice is constant until the moment it is said to change, and changes then', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 * 1000 }), fc.integer({ min: 10, max: 3600 }), (remaining, seconds) => {
        const length = seconds * 1000;
        const wait = msUntilNoticeChanges(remaining, length);
        expect(wait).toBeGreaterThan(0);
        expect(expiryNotice(remaining - wait + 1, length)).toEqual(expiryNotice(remaining, length));
        expect(expiryNotice(remaining - wait, length)).not.toEqual(expiryNotice(remaining, length));
      }),
    );
  });

  it('property: a whole session announces at most a handful of changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 7200 }), (seconds) => {
        const length = seconds * 1000;
        let remaining = length;
        let changes = 0;
        while (remaining > 0) {
          remaining -= msUntilNoticeChanges(remaining, length);
          changes++;
        }
        expect(changes).toBeLessThanOrEqual(4);
      }),
    );
  });
});
