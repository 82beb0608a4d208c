import { mapErrorResponse, type OnboardingError } from '../core/errors.ts';
import { parseSession, type Session } from '../core/token.ts';

/**
 * Asks the merchant backend for a session. Resolves with a checked session or rejects with an
 * `OnboardingError` (code SESSION_FAILED or NETWORK): never with a bare exception.
 */
export async function fetchSession(sessionUrl: string, locale: string | undefined, signal?: AbortSignal): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(sessionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(locale ? { locale } : {}),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw { code: 'NETWORK', detail: 'session request failed' } satisfies OnboardingError;
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw { ...mapErrorResponse(response.status, body), code: 'SESSION_FAILED' } satisfies OnboardingError;
  }
  const parsed = parseSession(body);
  if (!parsed.ok) throw { code: 'SESSION_FAILED', status: response.status, detail: parsed.problem } satisfies OnboardingError;
  return parsed.value;
}
