import type { OnboardingError } from '../core/errors.ts';
import { sessionDeadline } from '../core/expiry.ts';
import type { FlowTarget, SavedFlow } from '../core/flow.ts';
import type { ReuploadSession } from '../core/payload.ts';
import { parseReuploadSession, reuploadFlow } from '../core/reupload.ts';
import { parseSession, type Session } from '../core/token.ts';
import type { DraftStore } from '../resume/draftStore.ts';
import type { HandoffClaimed } from '../core/handoff.ts';
import { claimHandoff } from '../submit/handoffClient.ts';
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
  /** This page is the phone a desktop handed off to: where and with what it reports its progress. */
  phone?: PhoneHandoff | undefined;
}

export interface PhoneHandoff {
  apiUrl: string;
  phoneSecret: string;
}

export interface StartOptions {
  given?: Session | undefined;
  reupload?: ReuploadSession | undefined;
  sessionUrl: string;
  locale?: string | undefined;
  store: DraftStore | null;
  signal: AbortSignal;
  now?: () => number;
  /** A handoff link's secret (`#handoff=…`) to claim instead of getting a session of our own. */
  handoff?: { apiUrl: string; secret: string } | undefined;
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
  if (options.handoff) {
    const claimed = await claimOnce(options.handoff.apiUrl, options.handoff.secret);
    // The desktop's choices, no photos: the phone takes every photo itself (see the README's handoff
    // section). With `resume`, the draft then keeps this session, so a reload of the phone (whose
    // fragment is gone) continues it, and its submission still reaches the desktop as 'sent'.
    const restored: SavedFlow = { choices: claimed.choices, stepId: 'REVIEW', images: {} };
    return { session: checked(claimed.session), obtainedAt: now(), target, restored, resumed: false, phone: { apiUrl: options.handoff.apiUrl, phoneSecret: claimed.phoneSecret } };
  }
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

/**
 * A link is claimable once, so a claim is made once per page whatever happens to the effect that
 * asked (React's strict mode runs it twice, and the first run is aborted after its request left).
 */
const claims = new Map<string, Promise<HandoffClaimed>>();
function claimOnce(apiUrl: string, secret: string): Promise<HandoffClaimed> {
  const key = `${apiUrl}#${secret}`;
  let claim = claims.get(key);
  if (!claim) {
    claim = claimHandoff(apiUrl, secret);
    claims.set(key, claim);
  }
  return claim;
}

export function checked(session: Session): Session {
  const parsed = parseSession(session);
  if (!parsed.ok) throw { code: 'SESSION_FAILED', detail: parsed.problem } satisfies OnboardingError;
  return parsed.value;
}
