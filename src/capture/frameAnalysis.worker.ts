/**
 * The frame-analysis worker: turns each ImageBitmap it is handed into RGBA (an OffscreenCanvas)
 * and runs src/quality on it, so no analysis ever runs on the page's main thread. A selfie's
 * frames also go through the face detector, whose chunk is imported only for them.
 */
import { frameRect } from '../core/captureGuide.ts';
import { analyseFrame, frameFromRgba, judgeFace, NO_HISTORY, type FrameHistory, type FrameReport, type QualityFrame } from '../quality/index.ts';
import type { AnalysisReply, AnalysisRequest, AnalysisTarget } from './frameAnalysisProtocol.ts';
import { analysisSize } from './analysisSize.ts';

let history: FrameHistory = NO_HISTORY;
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixels(bitmap: ImageBitmap | VideoFrame, width = (bitmap as ImageBitmap).width, height = (bitmap as ImageBitmap).height): { frame: QualityFrame; image: ImageData } {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    // Read back every frame: keep the canvas in memory rather than on a GPU.
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('No 2D context in the worker.');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const image = context.getImageData(0, 0, width, height);
  return { frame: frameFromRgba(image.data, width, height), image };
}

/** The pixels at the analysis size: a VideoFrame (from the camera's stream or the page) comes at the camera's. */
function scaled(image: ImageBitmap | VideoFrame) {
  if (!('displayWidth' in image)) return pixels(image);
  const size = analysisSize(image.displayWidth, image.displayHeight);
  return pixels(image, size.width, size.height);
}

const faceDetector = () => import('./faceDetector.ts');

/** Every check for `target` on one frame; `live` frames carry the stream's history. */
async function analyse({ frame, image }: ReturnType<typeof pixels>, target: AnalysisTarget, live: boolean, previous: FrameHistory): Promise<{ report: FrameReport; history: FrameHistory }> {
  if (target.kind !== 'face') return analyseFrame(frame, { ...target, kind: target.kind, live }, previous);
  const { detectFaces } = await faceDetector();
  const faces = await detectFaces(image);
  const oval = target.outline ?? frameRect(frame.width / frame.height, 'FACE');
  const { report, memory } = judgeFace(frame, faces, { oval, live }, previous.motion);
  return { report, history: { motion: memory } };
}

/** The stream being read, if any; a new one or `stopStream` ends it. */
let reading: ReadableStreamDefaultReader<VideoFrame> | null = null;

async function readStream(readable: ReadableStream<VideoFrame>, target: AnalysisTarget): Promise<void> {
  const reader = readable.getReader();
  reading = reader;
  history = NO_HISTORY;
  while (reading === reader) {
    const { value: frame, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (done || !frame) break;
    if (reading !== reader) {
      frame.close();
      break;
    }
    const started = performance.now();
    // The processor keeps one frame waiting: while this one is analysed, older ones are dropped.
    try {
      const result = await analyse(scaled(frame), target, true, history);
      if (reading !== reader) break;
      history = result.history;
      post({ type: 'streamReport', report: result.report, ms: performance.now() - started });
    } catch (error) {
      // Told each time: the page decides when failing frames mean the checks cannot run.
      post({ type: 'streamError', message: String(error) });
    }
  }
  reader.releaseLock();
  void readable.cancel().catch(() => {});
}

const post = (reply: AnalysisReply) => (self as unknown as Worker).postMessage(reply);

self.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'reset':
      history = NO_HISTORY;
      return;
    case 'prepare':
      // The face model takes a moment to compile: start while the camera is still opening.
      if (request.target.kind === 'face') void faceDetector().then(({ prepareFaceDetector }) => prepareFaceDetector()).catch(() => {});
      return;
    case 'stream':
      void readStream(request.readable, request.target);
      return;
    case 'stopStream': {
      const reader = reading;
      reading = null;
      void reader?.cancel().catch(() => {});
      return;
    }
    case 'frame':
    case 'still':
      void answer(request);
  }
});

async function answer(request: AnalysisRequest & { type: 'frame' | 'still' }): Promise<void> {
  const started = performance.now();
  const live = request.type === 'frame';
  try {
    const result = await analyse(scaled(request.bitmap), request.target, live, live ? history : NO_HISTORY);
    if (live) history = result.history;
    post({ type: 'report', id: request.id, report: result.report, ms: performance.now() - started });
  } catch (error) {
    post({ type: 'error', id: request.id, message: String(error) });
  }
}
