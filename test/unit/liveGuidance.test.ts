import { describe, expect, it } from 'vitest';
import { HOLD_MS, initialLiveState, liveReducer, STUCK_AFTER_MS, type LiveState } from '../../src/capture/liveGuidance.ts';
import type { QualityFailure, QualityReport } from '../../src/quality/index.ts';

const report = (...failures: QualityFailure[]): QualityReport =>
  ({ kind: 'idDocument', passed: failures.length === 0, failures, document: {}, exposure: {}, sharpness: null, glare: null, steadiness: null }) as unknown as QualityReport;
const good = report();
const blurred = report({ code: 'blur', score: 0.2, limit: 1 }, { code: 'unsteady', frameDifference: 5, cornerMotion: null });

/** Feeds reports every `step` ms from `from`. */
function feed(state: LiveState, reports: QualityReport[], from: number, step = 100): LiveState {
  return reports.reduce((s, r, i) => liveReducer(s, { type: 'report', report: r, at: from + i * step }), state);
}

describe('liveReducer', () => {
  it('once the checks cannot run (the face model did not load), stays without them until the view restarts', () => {
    const failed = liveReducer(feed(initialLiveState(true, 0), [good, good], 100), { type: 'failed' });
    expect(failed.status.kind).toBe('unavailable');
    // Nothing is taken by itself on reports that arrive late.
    expect(feed(failed, Array(10).fill(good), 300).status.kind).toBe('unavailable');
    expect(liveReducer(failed, { type: 'restart', at: 2000 }).status.kind).toBe('waiting');
  });

  it('names the first failure while anything fails', () => {
    const state = feed(initialLiveState(true, 0), [blurred], 100);
    expect(state.status).toMatchObject({ kind: 'adjusting', fault: 'blur', stuck: false });
  });

  it('takes the photo after about 0.7 s of passing frames, not before', () => {
    const frames = Math.floor(HOLD_MS / 100);
    const almost = feed(initialLiveState(true, 0), Array(frames).fill(good), 100);
    expect(almost.status.kind).toBe('holding');
    const due = feed(almost, [good], 100 + frames * 100);
    expect(due.status.kind).toBe('capture');
    // Stays due, whatever comes next, until the view restarts.
    expect(feed(due, [blurred], 2000).status.kind).toBe('capture');
    expect(liveReducer(due, { type: 'restart', at: 3000 }).status.kind).toBe('waiting');
  });

  it('keeps the hold through one failing frame, and starts it again after a run of them', () => {
    const blip = feed(initialLiveState(true, 0), [good, good, good, good, blurred, good, good, good], 100);
    expect(blip.status.kind).toBe('capture');
    const run = feed(initialLiveState(true, 0), [good, good, good, good, blurred, blurred, blurred, blurred, good, good, good, good], 100);
    expect(run.status.kind).toBe('holding');
  });

  it('with auto-capture off, offers the shutter instead of taking the photo', () => {
    const state = feed(initialLiveState(false, 0), Array(10).fill(good), 100);
    expect(state.status.kind).toBe('ready');
    const on = liveReducer(state, { type: 'autoCapture', on: true, at: 1200 });
    expect(on.status).toMatchObject({ kind: 'holding', since: 1200 });
  });

  it('says it is stuck after ten seconds without one good frame', () => {
    const early = feed(initialLiveState(true, 0), [blurred], STUCK_AFTER_MS - 100);
    expect(early.status).toMatchObject({ stuck: false });
    const late = feed(early, [blurred], STUCK_AFTER_MS);
    expect(late.status).toMatchObject({ kind: 'adjusting', stuck: true });
    // A good frame starts the ten seconds again.
    const after = feed(late, [good, blurred, blurred, blurred, blurred], STUCK_AFTER_MS + 100);
    expect(after.status).toMatchObject({ kind: 'adjusting', stuck: false });
  });
});
