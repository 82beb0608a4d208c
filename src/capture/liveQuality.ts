/**
 * The live quality loop of one camera screen, framework-free: frames from the preview go to the
 * analysis worker, reports go through {@link liveReducer}, and whoever renders subscribes to the
 * snapshot (React does through useSyncExternalStore). The view takes the still itself when the
 * status says `capture`; this controller never touches the camera.
 */
import { FrameAnalyser } from './frameAnalyser.ts';
import type { AnalysisTarget } from './frameAnalysisProtocol.ts';
import { pumpFrames } from './framePump.ts';
import { initialLiveState, liveReducer, type LiveEvent, type LiveState } from './liveGuidance.ts';

export interface LiveQualitySnapshot extends LiveState {
  /** Analysed frames a second over the last second (updated with the next visible change or second). */
  framesPerSecond: number;
  /** The worker's time for the last frame. */
  lastFrameMs: number;
}

export interface LiveQualityOptions {
  target: AnalysisTarget;
  autoCapture: boolean;
  analyser?: FrameAnalyser;
  now?: () => number;
}

/** Analyses failing this many times in a row end the live checks for the view. */
const MAX_ERRORS_IN_A_ROW = 3;

export class LiveQualityController {
  private snapshot: LiveQualitySnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly analyser: FrameAnalyser;
  private readonly now: () => number;
  private stopPump: (() => void) | null = null;
  private readonly recent: number[] = [];
  private lastFrameMs = 0;

  constructor(private readonly options: LiveQualityOptions) {
    this.analyser = options.analyser ?? new FrameAnalyser();
    this.now = options.now ?? (() => performance.now());
    this.state = initialLiveState(options.autoCapture, this.now());
    this.snapshot = { ...this.state, framesPerSecond: 0, lastFrameMs: 0 };
  }

  /**
   * Starts the worker and what it needs for the target (the face model) before the first frame.
   * Not in the constructor: React may construct a controller for a render it then throws away.
   */
  prepare(): void {
    this.analyser.prepare(this.options.target);
  }

  readonly getSnapshot = (): LiveQualitySnapshot => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts analysing `video`'s frames afresh (a new view: first start, retake, switched camera). */
  start(video: HTMLVideoElement): void {
    this.stop();
    this.analyser.reset();
    this.dispatch({ type: 'restart', at: this.now() });
    let errors = 0;
    this.stopPump = pumpFrames(video, this.analyser, this.options.target, {
      onError: () => {
        // A frame can fail on its own (a resize mid-grab); failing again and again, the checks cannot run here.
        if (++errors < MAX_ERRORS_IN_A_ROW) return;
        this.stop();
        this.dispatch({ type: 'failed' });
      },
      onReport: (report, ms) => {
        errors = 0;
        const at = this.now();
        this.recent.push(at);
        while (this.recent.length > 0 && at - this.recent[0]! > 1000) this.recent.shift();
        this.lastFrameMs = ms;
        this.dispatch({ type: 'report', report, at });
      },
    });
  }

  /** Stops feeding frames (the still is being taken or reviewed); the worker stays for the still's analysis. */
  stop(): void {
    this.stopPump?.();
    this.stopPump = null;
  }

  setAutoCapture(on: boolean): void {
    this.dispatch({ type: 'autoCapture', on, at: this.now() });
  }

  /** The still's own analysis, with the same target as the live frames. */
  analyseStill(still: { blob: Blob; width: number; height: number }) {
    return this.analyser.analyseStill(still.blob, this.options.target, still.width > 0 && still.height > 0 ? still : undefined);
  }

  close(): void {
    this.stop();
    this.analyser.close();
    this.listeners.clear();
  }

  /** The newest state; the published snapshot follows it only when what the screen shows changes. */
  private state: LiveState;
  private publishedAt = 0;

  private dispatch(event: LiveEvent): void {
    const next = liveReducer(this.state, event);
    this.state = next;
    // Every frame brings a new report; re-rendering the screen ten times a second for the same
    // line would be main-thread work for nothing.
    const now = this.now();
    if (visibleKey(next) === visibleKey(this.snapshot) && now - this.publishedAt < 1000) return;
    this.publishedAt = now;
    this.snapshot = { ...next, framesPerSecond: this.recent.length, lastFrameMs: this.lastFrameMs };
    for (const listener of this.listeners) listener();
  }
}

function visibleKey({ status, autoCapture }: LiveState): string {
  return `${status.kind}:${status.kind === 'adjusting' ? `${status.fault}:${status.stuck}` : ''}:${autoCapture}`;
}
