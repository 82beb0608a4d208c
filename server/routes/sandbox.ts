import { jsonResponse, problem, problemResponse } from '../errors.ts';
import { IMAGE_MIME_TYPES } from '../imageSniff.ts';
import type { SandboxVendor } from '../sandbox.ts';
import type { RouteDef } from './context.ts';

export const SANDBOX_IMAGES_PATH = '/api/sandbox/last-submission/images/';

/**
 * What the sandbox page shows: the last submission (without the token), its images, and the
 * counters. Only a sandbox has submissions to show; against the real vendor these paths do not exist.
 */
export function sandboxRoutes(sandbox: SandboxVendor | null, stats: () => unknown): RouteDef[] {
  if (!sandbox) return [];
  return [
    { path: '/api/sandbox/last-submission', methods: { GET: () => lastSubmission(sandbox) } },
    { path: '/api/sandbox/stats', methods: { GET: () => jsonResponse(200, stats()) } },
    { path: SANDBOX_IMAGES_PATH, prefix: true, methods: { GET: (_request, { pathname }) => lastSubmissionImage(sandbox, pathname) } },
  ];
}

function lastSubmission(sandbox: SandboxVendor): Response {
  const last = sandbox.lastSubmission();
  // Nothing yet is an answer, not an error: a page asking before its first submit logs nothing in red.
  if (!last) return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  const images = Object.fromEntries(
    Object.entries(last.images).map(([step, image]) => [step, { ...image, url: `${SANDBOX_IMAGES_PATH}${encodeURIComponent(step)}` }]),
  );
  return jsonResponse(200, { ...last, images });
}

function lastSubmissionImage(sandbox: SandboxVendor, pathname: string): Response {
  const image = sandbox.lastSubmissionImage(decodeURIComponent(pathname.slice(SANDBOX_IMAGES_PATH.length)));
  if (!image) return problemResponse(problem('NOT_FOUND', 'The last submission has no image for this step'));
  return new Response(image.bytes, {
    status: 200,
    headers: { 'content-type': IMAGE_MIME_TYPES[image.type], 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
