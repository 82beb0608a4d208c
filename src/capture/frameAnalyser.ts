/**
 * The page's side of the analysis worker: one frame in flight at most (the camera screen drops
 * frames while the worker is busy, so the next one analysed is always the newest), and a still
 * analysed on request. The worker starts on first use and ends with `close()`.
 */
import { analysisSize } from './analysisSize.ts';
import type { FrameReport } from '../quality/index.ts';
import type { AnalysisReply, AnalysisRequest, AnalysisTarget } from './frameAnalysisProtocol.ts';

export interface AnalysisResult {
  report: FrameReport;
  /** Time spent in the worker. */
  ms: number;
}

export type WorkerFactory = () => Worker;

export { analysisSize };

const defaultWorker: WorkerFactory = () => new Worker(new URL('./frameAnalysis.worker.ts', import.meta.url), { type: 'module', name: 'markid-quality' });

export class FrameAnalyser {
  private worker: Worker | null = null;
  private nextId = 1;
  private streamListener: { onReport: (result: AnalysisResult) => void; onError: (error: Error) => void } | null = null;
  private readonly pending = new Map<number, { resolve: (result: AnalysisResult) => void; reject: (error: Error) => void }>();

  constructor(private readonly createWorker: WorkerFactory = defaultWorker) {}

  /** A frame is being analysed: a new one now would only queue up behind it. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Analyses a preview frame (ownership passes to the worker, which scales a VideoFrame itself). */
  analyseFrame(bitmap: ImageBitmap | VideoFrame, target: AnalysisTarget): Promise<AnalysisResult> {
    return this.send('frame', bitmap, target);
  }

  /**
   * Analyses a still on its own, downscaled here to at most 640 px. Give its `size` where it is
   * known (a camera still): finding it out means decoding the whole photo once more.
   */
  async analyseStill(blob: Blob, target: AnalysisTarget, size?: { width: number; height: number }): Promise<AnalysisResult> {
    const { width, height } = size ?? (await fullSize(blob));
    const scaled = analysisSize(width, height);
    const bitmap = await createImageBitmap(blob, { resizeWidth: scaled.width, resizeHeight: scaled.height, resizeQuality: 'medium' });
    return this.send('still', bitmap, target);
  }

  /**
   * Hands the camera's own frame stream to the worker (MediaStreamTrackProcessor), which reads,
   * scales and analyses it; `onReport` gets each report until {@link stopStream}.
   */
  analyseStream(readable: ReadableStream<VideoFrame>, target: AnalysisTarget, onReport: (result: AnalysisResult) => void, onError: (error: Error) => void): void {
    this.streamListener = { onReport, onError };
    this.getWorker().postMessage({ type: 'stream', readable, target } satisfies AnalysisRequest, [readable as unknown as Transferable]);
  }

  stopStream(): void {
    this.streamListener = null;
    this.worker?.postMessage({ type: 'stopStream' } satisfies AnalysisRequest);
  }

  /** Loads what analysing `target` needs (the face model) before the first frame. */
  prepare(target: AnalysisTarget): void {
    this.getWorker().postMessage({ type: 'prepare', target } satisfies AnalysisRequest);
  }

  /** Forget the previous frames (a new view: retake, another camera). */
  reset(): void {
    this.worker?.postMessage({ type: 'reset' } satisfies AnalysisRequest);
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('The analysis was stopped.');
  }

  private send(type: 'frame' | 'still', bitmap: ImageBitmap | VideoFrame, target: AnalysisTarget): Promise<AnalysisResult> {
    const id = this.nextId++;
    const worker = this.getWorker();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type, id, bitmap, target } satisfies AnalysisRequest, [bitmap]);
    });
  }

  private getWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event: MessageEvent<AnalysisReply>) => {
      const reply = event.data;
      if (reply.type === 'streamReport') {
        this.streamListener?.onReport({ report: reply.report, ms: reply.ms });
        return;
      }
      if (reply.type === 'streamError') {
        this.streamListener?.onError(new Error(reply.message));
        return;
      }
      const entry = this.pending.get(reply.id);
      if (!entry) return;
      this.pending.delete(reply.id);
      if (reply.type === 'report') entry.resolve({ report: reply.report, ms: reply.ms });
      else entry.reject(new Error(reply.message));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // A worker that cannot load fails what it held; the next call starts a fresh one.
      if (this.worker === worker) this.worker = null;
      worker.terminate();
      this.failAll(`The analysis worker failed: ${event.message || 'unknown error'}`);
    });
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) entry.reject(new Error(message));
  }
}

async function fullSize(blob: Blob): Promise<{ width: number; height: number }> {
  const probe = await createImageBitmap(blob);
  const size = { width: probe.width, height: probe.height };
  probe.close();
  return size;
}
