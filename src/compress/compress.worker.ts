/**
 * The widget's image compressor, run as a module worker bundled by Vite (never a blob: or CDN
 * script). One request at a time, so a phone never holds several 12 MP canvases at once. This file
 * is the message loop (queue, cancellation, progress); the work is in ./pipeline.ts.
 *
 * Why not browser-image-compression first — measured with `npm run bench` (README, "Compression"):
 * its loop cuts resolution *and* quality by 5 % per round, so a photo 4 % over budget loses 10 % of
 * its pixels and half its bytes where a slightly lower quality alone fits; it also reads the whole
 * file a second time for EXIF and, when the first encode is larger than the input, keeps lowering
 * quality even if the input was within budget. The native path: one decode, one draw, a few strip
 * samples and usually one full encode.
 */
import { CANCELLED, describe, Failure } from './failure.ts';
import type { Job } from './job.ts';
import { compress } from './pipeline.ts';
import type { CompressRequest, WorkerReply, WorkerRequest } from './protocol.ts';

const controllers = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

function post(message: WorkerReply): void {
  self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const data = event.data;
  if ('cancel' in data) {
    controllers.get(data.id)?.abort();
    return;
  }
  if ('probe' in data) {
    post({ id: data.id, resources: performance.getEntriesByType('resource').map((entry) => entry.name) });
    return;
  }
  const controller = new AbortController();
  controllers.set(data.id, controller);
  queue = queue.then(() => handle(data, controller.signal));
});

async function handle(request: CompressRequest, signal: AbortSignal): Promise<void> {
  const { id } = request;
  try {
    if (signal.aborted) return;
    const check = (): void => {
      if (signal.aborted) throw CANCELLED;
    };
    let last = 0;
    const progress = (fraction: number): void => {
      const value = Math.min(1, Math.max(last, fraction));
      if (value === last) return;
      last = value;
      post({ id, progress: value });
    };
    const job: Job = { request, progress, signal, check };
    const result = await compress(job);
    progress(1);
    post({ id, ok: true, ...result });
  } catch (error) {
    if (error === CANCELLED || signal.aborted) return;
    if (error instanceof Failure) post({ id, ok: false, code: error.code, message: error.message });
    else post({ id, ok: false, code: 'ENCODE_FAILED', message: `Compression failed: ${describe(error)}` });
  } finally {
    controllers.delete(id);
  }
}
