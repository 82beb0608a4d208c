import { readJsonBody } from '../body.ts';
import { isProblem, jsonResponse, problem, problemResponse } from '../errors.ts';
import { submissionStatus } from '../exactlyOnce.ts';
import { isRecord } from './context.ts';
import type { BackendContext, RouteDef } from './context.ts';
import { reuploadId } from './reupload.ts';
import { submissionId } from './submit.ts';

/** `{ authToken }` or `{ reuploadToken }`. */
const STATUS_BODY_MAX_BYTES = 4 * 1024;

/**
 * `POST /api/submit/status` and `/api/reupload/status`: what became of the last submission for a
 * token, from the shared record. The widget asks this after a failure that may have happened after
 * its request arrived, instead of uploading the images again.
 */
export function statusRoutes(ctx: BackendContext): RouteDef[] {
  const methods = { POST: (request: Request) => status(ctx, request) };
  return [
    { path: '/api/submit/status', methods },
    { path: '/api/reupload/status', methods },
  ];
}

async function status(ctx: BackendContext, request: Request): Promise<Response> {
  const parsed = await readJsonBody(request, STATUS_BODY_MAX_BYTES);
  if (isProblem(parsed)) return problemResponse(parsed);
  const body = parsed.value;
  if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
  if (typeof body.authToken === 'string' && body.authToken !== '') {
    if (!(await ctx.records.tokens.get(body.authToken))) return problemResponse(problem('TOKEN_NOT_MINTED', 'This token was not issued by this backend, or expired long ago'));
    return jsonResponse(200, await submissionStatus(ctx.exactlyOnce, submissionId(body.authToken)));
  }
  if (typeof body.reuploadToken === 'string' && body.reuploadToken !== '') {
    if (!(await ctx.records.reuploads.get(body.reuploadToken))) {
      return problemResponse(problem('REUPLOAD_NOT_FOUND', 'This re-upload session was not issued by this backend, or expired long ago'));
    }
    return jsonResponse(200, await submissionStatus(ctx.exactlyOnce, reuploadId(body.reuploadToken)));
  }
  return problemResponse(problem('MISSING_VALUE', "No value provided for 'authToken'"));
}
