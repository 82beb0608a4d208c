import { mapErrorResponse, type Delivery, type OnboardingError } from '../core/errors.ts';
import type { ReuploadBody, SubmitBody, SubmitSuccess } from '../core/payload.ts';
import { parseRetryAfter } from '../core/retryPolicy.ts';

export interface SendOptions {
  /** Fraction of the body uploaded, 0 to 1. */
  onProgress?: ((fraction: number) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Sent as `x-request-id`, so the reference the person sees finds the backend's log line. */
  requestId?: string | undefined;
  /** Give up when the upload makes no progress for this long (the connection died without an error). */
  stallMs?: number | undefined;
  /** Give up when the answer takes this long after the whole body was sent. */
  answerTimeoutMs?: number | undefined;
}

/** A phone that stops moving bytes for this long has lost its connection, whatever it says. */
export const DEFAULT_STALL_MS = 45_000;
/** The backend may call the vendor several times (process, then each custom step) at 30 s each. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 150_000;

/**
 * POSTs a submission (or a re-upload). XMLHttpRequest rather than fetch because only it reports
 * upload progress in every browser, and a 15 MB upload on a phone needs a moving bar. Resolves
 * with the scanRef or rejects with an `OnboardingError` that says whether the body had been sent
 * whole (`delivery`), which decides between sending again and asking the backend first.
 */
export function sendSubmission(url: string, body: SubmitBody | ReuploadBody | Blob | string, options: SendOptions = {}): Promise<SubmitSuccess> {
  const { onProgress, signal, requestId } = options;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const request = new XMLHttpRequest();
    let uploaded = false;
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: OnboardingError) => finish(() => reject(error));
    const delivery = (): Delivery => (uploaded ? 'SENT' : 'NOT_SENT');
    const arm = (ms: number, detail: string) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        const error: OnboardingError = { code: 'NETWORK', delivery: delivery(), detail };
        request.abort();
        fail(error);
      }, ms);
    };
    const onAbort = () => {
      request.abort();
      finish(() => reject(signal?.reason));
    };

    request.open('POST', url);
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('accept', 'application/json');
    if (requestId) request.setRequestHeader('x-request-id', requestId);
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      arm(stallMs, 'the upload stalled');
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.upload.onload = () => {
      uploaded = true;
      onProgress?.(1);
      arm(answerTimeoutMs, 'no answer after the upload');
    };
    request.onload = () => {
      const parsed = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        const scanRef = (parsed as Partial<SubmitSuccess> | undefined)?.scanRef;
        if (typeof scanRef === 'string') return finish(() => resolve({ scanRef }));
        return fail({ code: 'SERVER', status: request.status, detail: 'success without scanRef' });
      }
      const error = mapErrorResponse(request.status, parsed);
      const retryAfterMs = parseRetryAfter(request.getResponseHeader('retry-after'), Date.now());
      fail(retryAfterMs === undefined ? error : { ...error, retryAfterMs });
    };
    // The browser says nothing more than "it failed": whether the body got out is all we know.
    request.onerror = () => fail({ code: 'NETWORK', delivery: delivery() });
    signal?.addEventListener('abort', onAbort, { once: true });
    arm(stallMs, 'the upload did not start');
    request.send(typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
