import { mapErrorResponse, type OnboardingError } from '../core/errors.ts';
import type { SubmissionStatus } from '../core/payload.ts';

/** The backend has no status endpoint (a merchant's own backend may not): just send again. */
export const STATUS_UNSUPPORTED = 'STATUS_UNSUPPORTED';

const STATES = new Set(['SUCCEEDED', 'IN_PROGRESS', 'FAILED', 'NOT_SUBMITTED']);

/** `/api/submit` → `/api/submit/status`: the reference backend's convention. */
export function statusUrlOf(submitUrl: string): string {
  return `${submitUrl.replace(/\/+$/, '')}/status`;
}

/**
 * Asks the backend what became of the last submission for a token. The token travels in the
 * body, never in the URL. Rejects with an `OnboardingError` (identifier STATUS_UNSUPPORTED when
 * the backend has no such endpoint).
 */
export async function fetchSubmissionStatus(
  url: string,
  token: { authToken: string } | { reuploadToken: string },
  options: { signal?: AbortSignal | undefined; requestId?: string | undefined } = {},
): Promise<SubmissionStatus> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
      },
      body: JSON.stringify(token),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw { code: 'NETWORK', delivery: 'NOT_SENT', detail: 'status request failed' } satisfies OnboardingError;
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404 || response.status === 405 || response.status === 501) {
    throw { code: 'UNKNOWN', status: response.status, identifier: STATUS_UNSUPPORTED } satisfies OnboardingError;
  }
  if (!response.ok) throw mapErrorResponse(response.status, body);
  const state = (body as { state?: unknown } | undefined)?.state;
  if (typeof state !== 'string' || !STATES.has(state)) {
    throw { code: 'SERVER', status: response.status, detail: 'the status answer is not one the widget knows' } satisfies OnboardingError;
  }
  return body as SubmissionStatus;
}
