import { mapErrorResponse, type OnboardingError } from '../core/errors';
import type { SubmitBody, SubmitSuccess } from '../core/payload';

export interface SendOptions {
  /** Fraction of the body uploaded, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs the submission. XMLHttpRequest rather than fetch because only it reports upload progress in
 * every browser, and a 15 MB upload on a phone needs a moving bar. Resolves with the scanRef or
 * rejects with an `OnboardingError`.
 */
export function sendSubmission(submitUrl: string, body: SubmitBody, options: SendOptions = {}): Promise<SubmitSuccess> {
  const { onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', submitUrl);
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('accept', 'application/json');
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      const parsed = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        const scanRef = (parsed as Partial<SubmitSuccess> | undefined)?.scanRef;
        if (typeof scanRef === 'string') return resolve({ scanRef });
        return reject({ code: 'SERVER', status: request.status, detail: 'success without scanRef' } satisfies OnboardingError);
      }
      reject(mapErrorResponse(request.status, parsed));
    };
    request.onerror = () => reject({ code: 'NETWORK' } satisfies OnboardingError);
    request.ontimeout = () => reject({ code: 'NETWORK', detail: 'timed out' } satisfies OnboardingError);
    if (signal) {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => {
        request.abort();
        reject(signal.reason);
      }, { once: true });
    }
    request.send(JSON.stringify(body));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
