/**
 * The frame-analysis worker: turns each ImageBitmap it is handed into RGBA (an OffscreenCanvas)
 * and runs src/quality on it, so no analysis ever runs on the page's main thread.
 */
import { analyseFrame, frameFromRgba, NO_HISTORY, type FrameHistory } from '../quality/index.ts';
import type { AnalysisReply, AnalysisRequest } from './frameAnalysisProtocol.ts';
import { analysisSize } from './analysisSize.ts';

let history: FrameHistory = NO_HISTORY;
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixels(bitmap: ImageBitmap | VideoFrame, width = (bitmap as ImageBitmap).width, height = (bitmap as ImageBitmap).height) {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    // Read back every frame: keep the canvas in memory rather than on a GPU.
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('No 2D context in the worker.');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return frameFromRgba(context.getImageData(0, 0, width, height).data, width, height);
}

/** The stream being read, if any; a new one or `stopStream` ends it. */
let reading: ReadableStreamDefaultReader<VideoFrame> | null = null;

async function readStream(readable: ReadableStream<VideoFrame>, target: AnalysisRequest & { type: 'stream' }): Promise<void> {
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
    const size = analysisSize(frame.displayWidth, frame.displayHeight);
    const result = analyseFrame(pixels(frame, size.width, size.height), { ...target.target, live: true }, history);
    history = result.history;
    (self as unknown as Worker).postMessage({ type: 'streamReport', report: result.report, ms: performance.now() - started } satisfies AnalysisReply);
  }
  reader.releaseLock();
  void readable.cancel().catch(() => {});
}

self.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  if (request.type === 'reset') {
    history = NO_HISTORY;
    return;
  }
  if (request.type === 'stream') {
    void readStream(request.readable, request);
    return;
  }
  if (request.type === 'stopStream') {
    const reader = reading;
    reading = null;
    void reader?.cancel().catch(() => {});
    return;
  }
  const started = performance.now();
  let reply: AnalysisReply;
  try {
    const frame = pixels(request.bitmap);
    const live = request.type === 'frame';
    const result = analyseFrame(frame, { ...request.target, live }, live ? history : NO_HISTORY);
    if (live) history = result.history;
    reply = { type: 'report', id: request.id, report: result.report, ms: performance.now() - started };
  } catch (error) {
    reply = { type: 'error', id: request.id, message: String(error) };
  }
  (self as unknown as Worker).postMessage(reply);
});
