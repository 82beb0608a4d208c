/**
 * The frame-analysis worker: turns each ImageBitmap it is handed into RGBA (an OffscreenCanvas)
 * and runs src/quality on it, so no analysis ever runs on the page's main thread.
 */
import { analyseFrame, frameFromRgba, NO_HISTORY, type FrameHistory } from '../quality';
import type { AnalysisReply, AnalysisRequest } from './frameAnalysisProtocol';

let history: FrameHistory = NO_HISTORY;
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixels(bitmap: ImageBitmap) {
  const { width, height } = bitmap;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    // Read back every frame: keep the canvas in memory rather than on a GPU.
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('No 2D context in the worker.');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return frameFromRgba(context.getImageData(0, 0, width, height).data, width, height);
}

self.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  if (request.type === 'reset') {
    history = NO_HISTORY;
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
