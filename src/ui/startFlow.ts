import type { OnboardingError } from '../core/errors.ts';
import { sessionDeadline } from '../core/expiry.ts';
import type { FlowTarget, SavedFlow } from '../core/flow.ts';
import type { ReuploadSession } from '../core/payload.ts';
import { parseReuploadSession, reuploadFlow } from '../core/reupload.ts';
import { parseSession, type Session } from '../core/token.ts';
import type { DraftStore } from '../resume/draftStore.ts';
import { fetchSession } from '../submit/session.ts';

/** Everything the flow needs to start: whose session, since when, for what, and what to restore. */
export interface FlowStart {
  session: Session;
  obtainedAt: number;
  target: FlowTarget;
  /** A draft from an earlier page to lay over the fresh flow. */
  restored: SavedFlow | null;
  /** The session itself came from that draft, so an earlier page may already have sent it. */
  resumed: boolean;
}

export interface StartOptions {
  given?: Session | undefined;
  reupload?: ReuploadSession | undefined;
  sessionUrl: string;
  locale?: string | undefined;
  store: DraftStore | null;
  signal: AbortSignal;
  now?: () => number;
}

/** A resumed session with less than this left is not worth starting on: a fresh one is minted. */
const MIN_RESUMED_MS = 60_000;

/**
 * Picks the session: a re-upload's, the host's, a resumed draft's still-valid one (so a reload
 * continues the same verification rather than minting a new token), or a new one from the backend.
 * The draft's photos and choices come along whichever session wins. Rejects with an OnboardingError.
 */
export async function startFlow(options: StartOptions): Promise<FlowStart> {
  const now = options.now ?? Date.now;
  if (options.reupload) {
    const parsed = parseReuploadSession(options.reupload);
    if (!parsed.ok) throw { code: 'SESSION_FAILED', detail: parsed.problem } satisfies OnboardingError;
    return { ...reuploadFlow(parsed.value), obtainedAt: now(), restored: null, resumed: false };
  }
  const target: FlowTarget = { kind: 'VERIFICATION' };
  const draft = options.store ? await options.store.load(now()).catch(() => null) : null;
  const restored = draft ? { choices: draft.choices, stepId: draft.stepId, images: draft.images } : null;
  if (options.given) {
    const session = checked(options.given);
    const resumed = draft?.session.authToken === session.authToken;
    return { session, obtainedAt: resumed ? draft!.obtainedAt : now(), target, restored, resumed };
  }
  if (draft && sessionDeadline(draft.session, draft.obtainedAt) - now() > MIN_RESUMED_MS) {
    return { session: draft.session, obtainedAt: draft.obtainedAt, target, restored, resumed: true };
  }
  const session = await fetchSession(options.sessionUrl, options.locale, options.signal);
  return { session, obtainedAt: now(), target, restored, resumed: false };
}

export function checked(session: Session): Session {
  const parsed = parseSession(session);
  if (!parsed.ok) throw { code: 'SESSION_FAILED', detail: parsed.problem } satisfies OnboardingError;
  return parsed.value;
}
