import { randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_IMAGE_BASE64_CHARS } from '../../src/core/limits.ts';
import type { ReuploadSession, SubmitSuccess } from '../../src/core/payload.ts';
import { applicableAdditionalSteps } from '../../src/core/additionalSteps.ts';
import { discardBody, readJsonBody } from '../body.ts';
import { isProblem, jsonResponse, problem, problemResponse } from '../errors.ts';
import type { Problem } from '../errors.ts';
import { runOnce } from '../exactlyOnce.ts';
import { imageProblem } from '../submissionPlan.ts';
import { SUBMIT_JSON_SLACK_BYTES } from '../submitBodyCap.ts';
import type { ReuploadGrant } from '../store/records.ts';
import { inSlot, isRecord, keepFor } from './context.ts';
import type { BackendContext, RouteDef } from './context.ts';
import { SESSION_BODY_MAX_BYTES, TOKEN_RETENTION_MS } from './session.ts';

/** A re-upload permission lasts an hour: long enough to find the right file, short enough to be stale-proof. */
const REUPLOAD_LIFETIME_SECONDS = 3600;

export const reuploadId = (reuploadToken: string) => `reupload:${reuploadToken}`;

/**
 * `POST /api/reupload/session` (the merchant's server mints permission to upload one step again)
 * and `POST /api/reupload` (the widget sends that one image, once). Without a configured secret
 * nobody may mint re-upload sessions, so the minting path does not exist.
 */
export function reuploadRoutes(ctx: BackendContext): RouteDef[] {
  const routes: RouteDef[] = [{ path: '/api/reupload', methods: { POST: (request) => inSlot(ctx, request, () => reupload(ctx, request)) } }];
  if (ctx.config.reuploadSecret) routes.push({ path: '/api/reupload/session', methods: { POST: (request) => createReuploadSession(ctx, request) } });
  return routes;
}

/** Compares secrets in time independent of where they first differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readGrantRequest(request: Request): Promise<{ scanRef: string; step: string; additionalData: Record<string, string> | null } | Problem> {
  const parsed = await readJsonBody(request, SESSION_BODY_MAX_BYTES);
  if (isProblem(parsed)) return parsed;
  const body = parsed.value;
  if (!isRecord(body)) return problem('MALFORMED_JSON', 'The request body must be a JSON object');
  const { scanRef, step, additionalData } = body;
  if (typeof scanRef !== 'string' || scanRef === '') return problem('MISSING_VALUE', "No value provided for 'scanRef'");
  if (typeof step !== 'string' || step === '') return problem('MISSING_VALUE', "No value provided for 'step'");
  if (additionalData != null && (!isRecord(additionalData) || !Object.values(additionalData).every((value) => typeof value === 'string'))) {
    return problem('INVALID_VALUE', "'additionalData' must be an object of strings");
  }
  return { scanRef, step, additionalData: (additionalData as Record<string, string> | undefined) ?? null };
}

/**
 * Only the merchant's server may ask (it holds `MARKID_REUPLOAD_SECRET`), so a browser can never
 * pick a scanRef of its own: it only ever holds the random token this answers.
 */
async function createReuploadSession(ctx: BackendContext, request: Request): Promise<Response> {
  const secret = ctx.config.reuploadSecret;
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!secret || !given || !sameSecret(given, secret)) {
    discardBody(request);
    return problemResponse(problem('UNAUTHORIZED', 'Re-upload sessions are minted for the merchant server only: send its bearer secret'));
  }
  const asked = await readGrantRequest(request);
  if (isProblem(asked)) return problemResponse(asked);
  const verification = await ctx.records.forwarded.get(asked.scanRef);
  if (!verification) return problemResponse(problem('SCAN_NOT_FOUND', 'This backend has not forwarded a verification with this scanRef'));
  const stepConfig = applicableAdditionalSteps(verification.additionalSteps, verification.country, verification.documentType).get(asked.step);
  if (!stepConfig) return problemResponse(problem('INVALID_VALUE', `Step '${asked.step}' is not an additional step of this verification`));

  const reuploadToken = randomBytes(24).toString('base64url');
  const grant: ReuploadGrant = { ...asked, expiresAt: ctx.now() + REUPLOAD_LIFETIME_SECONDS * 1000 };
  await ctx.records.reuploads.set(reuploadToken, grant, REUPLOAD_LIFETIME_SECONDS * 1000 + TOKEN_RETENTION_MS);
  const session: ReuploadSession = {
    reuploadToken,
    scanRef: asked.scanRef,
    step: asked.step,
    texts: stepConfig.texts ?? null,
    settings: stepConfig.settings ?? null,
    expiryTime: REUPLOAD_LIFETIME_SECONDS,
  };
  return jsonResponse(201, session);
}

/** The widget's re-upload: one image for the step its re-upload session names, sent once. */
async function reupload(ctx: BackendContext, request: Request): Promise<Response> {
  const parsed = await readJsonBody(request, MAX_IMAGE_BASE64_CHARS + SUBMIT_JSON_SLACK_BYTES);
  if (isProblem(parsed)) return problemResponse(parsed);
  const body = parsed.value;
  if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
  if (typeof body.reuploadToken !== 'string' || body.reuploadToken === '') return problemResponse(problem('MISSING_VALUE', "No value provided for 'reuploadToken'"));
  const grant = await ctx.records.reuploads.get(body.reuploadToken);
  if (!grant) return problemResponse(problem('REUPLOAD_NOT_FOUND', 'This re-upload session was not issued by this backend, or expired long ago'));
  const id = reuploadId(body.reuploadToken);
  const state = await ctx.records.submissions.get(id);
  if (state?.success) return problemResponse(state.success);
  if (grant.expiresAt <= ctx.now()) return problemResponse(problem('TOKEN_EXPIRED', 'This re-upload session has expired: ask for a new one'));
  const invalid = imageProblem(grant.step, body.image);
  if (invalid) return problemResponse(invalid);
  const image = body.image as string;
  const outcome = await runOnce<null>(ctx.exactlyOnce, {
    id,
    initial: null,
    ttlMs: keepFor(ctx, grant.expiresAt, TOKEN_RETENTION_MS),
    async forward() {
      const uploaded = await ctx.vendor.uploadAdditionalStep({
        scanRef: grant.scanRef,
        step: grant.step,
        image,
        ...(grant.additionalData ? { additionalData: grant.additionalData } : {}),
      });
      if (!uploaded.ok) return { status: uploaded.status, body: uploaded.body };
      const success: SubmitSuccess = { scanRef: grant.scanRef };
      return { status: 200, body: success };
    },
  });
  return problemResponse(outcome);
}
