import type { SubmitSuccess } from '../../src/core/payload.ts';
import { discardBody, isJsonContentType, parseJson, readBodyCapped } from '../body.ts';
import { isProblem, jsonResponse, problem, problemResponse } from '../errors.ts';
import type { Problem } from '../errors.ts';
import { runOnce } from '../exactlyOnce.ts';
import { submitBodyCap } from '../submitBodyCap.ts';
import { planSubmission } from '../submissionPlan.ts';
import type { Plan } from '../submissionPlan.ts';
import type { MintedToken, Outcome } from '../store/records.ts';
import { inSlot, isRecord, keepFor } from './context.ts';
import type { BackendContext, RouteDef } from './context.ts';
import { TOKEN_RETENTION_MS, VENDOR_TRANSPORT_ERRORS } from './session.ts';

/** Verifications this backend forwarded, remembered this long for re-upload sessions. */
export const FORWARDED_RETENTION_MS = 24 * 60 * 60 * 1000;

/** How far forwarding one token got. A failed vendor call leaves it there, so a retry resumes, never repeats. */
export interface SubmitProgress {
  processed: boolean;
  /**
   * A `/process` call ended (or may have ended) without an answer: the vendor may have accepted
   * it. A later TOKEN_USED for this token then means exactly that.
   */
  processUncertain: boolean;
  uploaded: string[];
}

const FRESH: SubmitProgress = { processed: false, processUncertain: false, uploaded: [] };

export const submissionId = (authToken: string) => `submit:${authToken}`;

/** `POST /api/submit`: forwards a token's images once, whichever instance each attempt reaches. */
export function submitRoutes(ctx: BackendContext): RouteDef[] {
  const cap = submitBodyCap(ctx.config);
  return [{ path: '/api/submit', methods: { POST: (request) => inSlot(ctx, request, () => submit(ctx, request, cap)) } }];
}

async function readSubmitBody(request: Request, cap: number): Promise<Record<string, unknown> | Problem> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    discardBody(request);
    return problem('UNSUPPORTED_MEDIA_TYPE', "The submission must be sent as 'Content-Type: application/json'");
  }
  const bytes = await readBodyCapped(request, cap);
  if (isProblem(bytes)) return bytes;
  const parsed = parseJson(bytes);
  if (isProblem(parsed)) return parsed;
  if (!isRecord(parsed.value)) return problem('MALFORMED_JSON', 'The request body must be a JSON object');
  if (typeof parsed.value.authToken !== 'string' || parsed.value.authToken === '') return problem('MISSING_VALUE', "No value provided for 'authToken'");
  return parsed.value;
}

async function submit(ctx: BackendContext, request: Request, cap: number): Promise<Response> {
  const body = await readSubmitBody(request, cap);
  if (isProblem(body)) return problemResponse(body);
  const authToken = body.authToken as string;
  const token = await ctx.records.tokens.get(authToken);
  if (!token) return problemResponse(problem('TOKEN_NOT_MINTED', 'This token was not issued by this backend, or expired long ago: start a new session'));
  const id = submissionId(authToken);
  const state = await ctx.records.submissions.get(id);
  if (state?.success) return jsonResponse(state.success.status, state.success.body);
  if (token.expiresAt <= ctx.now()) return problemResponse(problem('TOKEN_EXPIRED', 'This session has expired: start a new one'));

  const progress = (state?.progress as SubmitProgress | undefined) ?? FRESH;
  const plan = planSubmission(body, authToken, token.additionalSteps, progress.processed);
  if (isProblem(plan)) return problemResponse(plan);
  const outcome = await runOnce<SubmitProgress>(ctx.exactlyOnce, {
    id,
    initial: FRESH,
    ttlMs: keepFor(ctx, token.expiresAt, TOKEN_RETENTION_MS),
    forward: (from, save) => forward(ctx, token, plan, from, save),
  });
  return problemResponse(outcome);
}

async function forward(ctx: BackendContext, token: MintedToken, plan: Plan, from: SubmitProgress, save: (progress: SubmitProgress) => Promise<void>): Promise<Outcome> {
  let progress = from;
  if (!progress.processed) {
    const wasUncertain = progress.processUncertain;
    // Written ahead: should this instance die during the call, whoever resumes knows it may have landed.
    await save({ ...progress, processUncertain: true });
    const processed = await ctx.vendor.process(plan.process);
    // Our earlier call went through after all: the vendor spent the token on it.
    const landedEarlier = !processed.ok && wasUncertain && processed.body.identifier === 'TOKEN_USED';
    if (!processed.ok && !landedEarlier) {
      await save({ ...progress, processUncertain: VENDOR_TRANSPORT_ERRORS.has(processed.body.identifier) });
      return { status: processed.status, body: processed.body };
    }
    progress = { ...progress, processed: true, processUncertain: false };
    await save(progress);
    await ctx.records.forwarded.set(
      token.scanRef,
      { country: plan.process.country, documentType: plan.process.documentType, additionalSteps: token.additionalSteps },
      FORWARDED_RETENTION_MS,
    );
  }
  for (const [step, image] of plan.additional) {
    if (progress.uploaded.includes(step)) continue;
    const uploaded = await ctx.vendor.uploadAdditionalStep({ scanRef: token.scanRef, step, image });
    if (!uploaded.ok) return { status: uploaded.status, body: uploaded.body };
    progress = { ...progress, uploaded: [...progress.uploaded, step] };
    await save(progress);
  }
  const success: SubmitSuccess = { scanRef: token.scanRef };
  return { status: 200, body: success };
}
