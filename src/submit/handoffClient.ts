import { mapErrorResponse, type OnboardingError } from '../core/errors.ts';
import { parseHandoffStatus } from '../core/handoff.ts';
import type { HandoffChoices, HandoffClaimed, HandoffMinted, HandoffProgress, HandoffStatus } from '../core/handoff.ts';
import { isDocumentType, parseSession, type Session } from '../core/token.ts';

/**
 * The widget's side of the handoff endpoints (`apiUrl` is `/api/handoff` by default). Every call
 * rejects with an `OnboardingError`, never a bare exception; secrets travel in bodies and the
 * `Authorization` header only, never in a URL.
 */

async function call(url: string, init: { body?: unknown; bearer?: string; signal?: AbortSignal | undefined }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}) },
      body: JSON.stringify(init.body ?? {}),
      credentials: 'same-origin',
      signal: init.signal ?? null,
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw { code: 'NETWORK', detail: 'handoff request failed' } satisfies OnboardingError;
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw mapErrorResponse(response.status, body);
  return body;
}

const malformed = (what: string): OnboardingError => ({ code: 'SERVER', detail: `the backend answered something that is not ${what}` });

export async function mintHandoff(apiUrl: string, session: Session, choices: HandoffChoices, signal?: AbortSignal): Promise<HandoffMinted> {
  const body = (await call(apiUrl, { body: { session, choices }, signal })) as Partial<HandoffMinted> | undefined;
  if (typeof body?.secret !== 'string' || typeof body.desktopSecret !== 'string' || typeof body.claimBy !== 'number' || typeof body.id !== 'string') {
    throw malformed('a handoff');
  }
  return { id: body.id, secret: body.secret, desktopSecret: body.desktopSecret, claimBy: body.claimBy };
}

export async function claimHandoff(apiUrl: string, secret: string, signal?: AbortSignal): Promise<HandoffClaimed> {
  const body = (await call(`${apiUrl}/claim`, { body: { secret }, signal })) as Record<string, unknown> | undefined;
  const session = parseSession(body?.session);
  const choices = (body?.choices ?? {}) as Record<string, unknown>;
  if (!session.ok || typeof body?.phoneSecret !== 'string' || typeof body.id !== 'string') throw malformed('a claimed handoff');
  return {
    id: body.id,
    session: session.value,
    choices: {
      country: typeof choices.country === 'string' ? choices.country : null,
      documentType: isDocumentType(choices.documentType) ? choices.documentType : null,
    },
    phoneSecret: body.phoneSecret,
  };
}

export const reportHandoff = (apiUrl: string, phoneSecret: string, progress: HandoffProgress) =>
  call(`${apiUrl}/progress`, { body: progress, bearer: phoneSecret }).then(() => undefined);

export const revokeHandoff = (apiUrl: string, desktopSecret: string) => call(`${apiUrl}/revoke`, { bearer: desktopSecret }).then(() => undefined);

export async function handoffStatus(apiUrl: string, desktopSecret: string, signal?: AbortSignal): Promise<HandoffStatus> {
  const status = parseHandoffStatus(await call(`${apiUrl}/status`, { bearer: desktopSecret, signal }));
  if (!status) throw malformed('a handoff status');
  return status;
}
