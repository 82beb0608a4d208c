/**
 * What the live camera says and does from one analysed frame to the next, as a pure reducer: the
 * fault to name, when the view has been good long enough to take the photo by itself, and when
 * the person has been trying for a while without a good frame (then the shutter and the upload
 * are pointed at).
 */
import type { QualityFault, FrameReport } from '../quality/index.ts';

export type LiveStatus =
  /** No frame analysed yet. */
  | { kind: 'waiting' }
  /** Something to fix; `stuck` once no frame has been good for {@link STUCK_AFTER_MS}. */
  | { kind: 'adjusting'; fault: QualityFault; report: FrameReport; stuck: boolean }
  /** Every check passing since `since`. */
  | { kind: 'holding'; report: FrameReport; since: number }
  /** Good for long enough, and auto-capture is off: the person is told to take it. */
  | { kind: 'ready'; report: FrameReport }
  /** Good for long enough with auto-capture on: the camera screen takes the still now. */
  | { kind: 'capture'; report: FrameReport }
  /** The checks could not run here (the face model failed to load): the shutter alone remains. */
  | { kind: 'unavailable' };

export interface LiveState {
  status: LiveStatus;
  autoCapture: boolean;
  /** When a frame last passed, or when the view started. */
  lastGoodAt: number;
  framesAnalysed: number;
  /** When a run of failing frames began during a hold; null while frames pass. */
  failingSince: number | null;
}

export type LiveEvent =
  | { type: 'report'; report: FrameReport; at: number }
  | { type: 'autoCapture'; on: boolean; at: number }
  /** A fresh view: the camera (re)started or the person is retaking. */
  | { type: 'restart'; at: number }
  | { type: 'failed' };

/** About 0.7 s of passing frames before the photo is taken (the figure). */
export const HOLD_MS = 700;
/** Ten seconds without one good frame: time to say what else the person can do. */
export const STUCK_AFTER_MS = 10_000;

/** A hold survives failing frames this short: one bad frame (a flicker, a missed edge) should not restart it or make the line jump. */
export const GRACE_MS = 250;

export const initialLiveState = (autoCapture: boolean, at: number): LiveState => ({ status: { kind: 'waiting' }, autoCapture, lastGoodAt: at, framesAnalysed: 0, failingSince: null });

export function liveReducer(state: LiveState, event: LiveEvent): LiveState {
  switch (event.type) {
    case 'restart':
      return initialLiveState(state.autoCapture, event.at);
    case 'failed':
      return { ...state, status: { kind: 'unavailable' } };
    case 'autoCapture': {
      // A photo due or offered under the old setting starts its hold again under the new one.
      const { status } = state;
      const settled = status.kind === 'capture' || status.kind === 'ready';
      return { ...state, autoCapture: event.on, status: settled ? { kind: 'holding', report: status.report, since: event.at } : status };
    }
    case 'report':
      return onReport(state, event.report, event.at);
  }
}

function onReport(current: LiveState, report: FrameReport, at: number): LiveState {
  let state = current;
  const framesAnalysed = state.framesAnalysed + 1;
  // Once due, the capture stays due until the screen restarts the view; a failed analysis stays failed.
  if (state.status.kind === 'capture' || state.status.kind === 'unavailable') return { ...state, framesAnalysed };
  const [first] = report.failures;
  if (first) {
    const failingSince = state.failingSince ?? at;
    const held = state.status.kind === 'holding' || state.status.kind === 'ready';
    if (held && at - failingSince < GRACE_MS) return { ...state, framesAnalysed, failingSince };
    return { ...state, framesAnalysed, failingSince: null, status: { kind: 'adjusting', fault: first.code, report, stuck: at - state.lastGoodAt >= STUCK_AFTER_MS } };
  }
  state = { ...state, failingSince: null };
  if (state.status.kind === 'ready') return { ...state, framesAnalysed, lastGoodAt: at, status: { kind: 'ready', report } };
  const since = state.status.kind === 'holding' ? state.status.since : at;
  const held = at - since >= HOLD_MS;
  const status: LiveStatus = !held ? { kind: 'holding', report, since } : state.autoCapture ? { kind: 'capture', report } : { kind: 'ready', report };
  return { ...state, framesAnalysed, lastGoodAt: at, status };
}
