/**
 * In-page half of the selfie part of `npm run bench:quality` (driven by bench/quality.ts): the
 * labelled face set (test/quality/faceScenes.ts) through the real analysis worker, the face
 * detector's first load, and the cost of one live 640×480 face frame next to its baseline — the
 * same frame handed to a bare worker that only draws it and reads its pixels back, which is what
 * giving a frame to the analysis worker costs at least. Everything loads from this page's origin.
 */
import { FrameAnalyser, type AnalysisResult } from '../src/capture/frameAnalyser.ts';
import { drawFaceScene, FACE_TILES, loadFaceGrid, runFaceSet, type FaceCaseResult } from '../test/quality/faceScenes.ts';

export interface FaceBenchOptions {
  /** Face indices of the labelled set (every scene kind for each); default all of FACE_TILES. */
  faces?: number[];
  timedFrames: number;
  warmUpFrames: number;
}

/** Every timed frame of one contender, ms. */
export interface FrameTimes {
  /** On the page: from making the ImageBitmap to the worker's answer. */
  wall: number[];
  /** In the worker: from the message to the reply. */
  worker: number[];
}

export interface FaceBenchReport {
  userAgent: string;
  cases: FaceCaseResult[];
  /** Drawing, encoding and analysing the labelled set, s. */
  labelledSeconds: number;
  /** The detector's first load: the first `analyseFrame` of a fresh FrameAnalyser (worker start, chunk, model, one frame). */
  load: { cold: { wall: number; worker: number }; again: { wall: number; worker: number } };
  baseline: FrameTimes;
  ours: FrameTimes;
  /** Faults raised on the timed live frames of the centred face (none expected), with how often. */
  oursFaults: Record<string, number>;
  /** Resource Timing entries the page saw, and those not from its origin. */
  resources: number;
  foreign: string[];
}

declare global {
  interface Window {
    runFaceBench?: (options: FaceBenchOptions) => Promise<FaceBenchReport>;
    faceBenchOutcome?: { r?: FaceBenchReport; e?: string };
  }
}

const WIDTH = 640;
const HEIGHT = 480;

const resources: string[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) resources.push(entry.name);
}).observe({ type: 'resource', buffered: true });

function setStatus(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

/**
 * The baseline's worker: what frameAnalysis.worker.ts does with a frame before any check runs —
 * draw the transferred ImageBitmap on an OffscreenCanvas kept in memory and read its RGBA back —
 * and a reply with its time. From a blob: URL, so this page needs no file of its own for it.
 */
const COPY_WORKER = `
let context = null;
self.onmessage = (event) => {
  const started = performance.now();
  const { id, bitmap } = event.data;
  const { width, height } = bitmap;
  if (!context || context.canvas.width !== width || context.canvas.height !== height) {
    context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  }
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const data = context.getImageData(0, 0, width, height).data;
  self.postMessage({ id, ms: performance.now() - started, probe: data[(id * 4) % data.length] });
};`;

function copyWorker(): { send: (bitmap: ImageBitmap) => Promise<number>; close: () => void } {
  const url = URL.createObjectURL(new Blob([COPY_WORKER], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const pending = new Map<number, { resolve: (ms: number) => void; reject: (error: Error) => void }>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<{ id: number; ms: number }>) => {
    pending.get(event.data.id)?.resolve(event.data.ms);
    pending.delete(event.data.id);
  };
  worker.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new Error(`copy worker: ${event.message}`));
    pending.clear();
  };
  return {
    send: (bitmap) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, bitmap }, [bitmap]);
      }),
    close: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}

/** One frame as the camera screen sends it: a fresh 640×480 ImageBitmap, its ownership passed on. */
async function timed(scene: OffscreenCanvas, send: (bitmap: ImageBitmap) => Promise<number>): Promise<{ wall: number; worker: number }> {
  const started = performance.now();
  const bitmap = await createImageBitmap(scene);
  const worker = await send(bitmap);
  return { wall: performance.now() - started, worker };
}

async function runFaceBench({ faces = FACE_TILES.map((_, index) => index), timedFrames, warmUpFrames }: FaceBenchOptions): Promise<FaceBenchReport> {
  setStatus('loading the face grid');
  const grid = await loadFaceGrid();
  const centred = drawFaceScene(grid, 'centred', 0, WIDTH, HEIGHT);
  const face = { kind: 'face' } as const;

  // First, while nothing has loaded the detector in this page yet.
  setStatus('first load of the detector');
  const first = async (): Promise<{ wall: number; worker: number }> => {
    const fresh = new FrameAnalyser();
    try {
      return await timed(centred, async (bitmap) => (await fresh.analyseFrame(bitmap, face)).ms);
    } finally {
      fresh.close();
    }
  };
  const cold = await first();
  const again = await first();

  const analyser = new FrameAnalyser();
  const copy = copyWorker();
  const baseline: FrameTimes = { wall: [], worker: [] };
  const ours: FrameTimes = { wall: [], worker: [] };
  const oursFaults: Record<string, number> = {};
  try {
    const analyse = async (bitmap: ImageBitmap): Promise<number> => {
      const result: AnalysisResult = await analyser.analyseFrame(bitmap, face);
      for (const failure of result.report.failures) oursFaults[failure.code] = (oursFaults[failure.code] ?? 0) + 1;
      return result.ms;
    };
    // Interleaved, each going first every other frame, so a busy machine slows both alike.
    for (let i = 0; i < warmUpFrames + timedFrames; i++) {
      setStatus(`per-frame cost: ${i < warmUpFrames ? 'warm-up' : 'frame'} ${i < warmUpFrames ? i + 1 : i - warmUpFrames + 1}`);
      if (i === warmUpFrames) for (const key of Object.keys(oursFaults)) delete oursFaults[key];
      const pair = i % 2 ? [['ours', analyse] as const, ['baseline', copy.send] as const] : [['baseline', copy.send] as const, ['ours', analyse] as const];
      for (const [method, send] of pair) {
        const time = await timed(centred, send);
        if (i < warmUpFrames) continue;
        const into = method === 'ours' ? ours : baseline;
        into.wall.push(time.wall);
        into.worker.push(time.worker);
      }
    }

    setStatus(`labelled set: ${faces.length * 9} cases`);
    const started = performance.now();
    const cases = await runFaceSet(analyser, grid, faces);
    const labelledSeconds = (performance.now() - started) / 1000;

    const foreign = resources.filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== location.origin);
    setStatus('done');
    return { userAgent: navigator.userAgent, cases, labelledSeconds, load: { cold, again }, baseline, ours, oursFaults, resources: resources.length, foreign: [...new Set(foreign)] };
  } finally {
    copy.close();
    analyser.close();
    grid.close();
  }
}

/** Runs the bench; its outcome is also left on `window.faceBenchOutcome`, for a driver that polls. */
window.runFaceBench = (options) => {
  delete window.faceBenchOutcome;
  const run = runFaceBench(options);
  run.then(
    (r) => (window.faceBenchOutcome = { r }),
    (error: unknown) => {
      window.faceBenchOutcome = { e: error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error) };
      setStatus(`failed: ${String(error)}`);
    },
  );
  return run;
};

setStatus('ready');
