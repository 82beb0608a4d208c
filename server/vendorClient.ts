import type { SubmitBody, VendorErrorBody } from '../src/core/payload.ts';
import type { TokenResponse } from '../src/core/token.ts';
import { problem } from './errors.ts';
import { isStoreUnavailable } from './store/store.ts';

/** The part of `fetch` the client uses; in sandbox mode it is wired straight to the sandbox handler. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface VendorClientOptions {
  fetch: FetchLike;
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Per request, headers and body together. */
  timeoutMs?: number;
}

export type VendorResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: VendorErrorBody };

/** Everything a token request may carry; `clientId` is the one field the vendor requires. */
export type TokenRequest = { clientId: string } & Record<string, unknown>;

/** The `/process` body: the submit body without the custom steps, which go elsewhere. */
export type ProcessRequest = Omit<SubmitBody, 'additionalImages'>;

export interface UploadAdditionalStepRequest {
  scanRef: string;
  step: string;
  image: string;
  additionalData?: Record<string, string>;
}

export interface VendorClient {
  token(request: TokenRequest): Promise<VendorResult<TokenResponse>>;
  /** The vendor answers a bare 200 on success, so there is nothing to return but the status. */
  process(request: ProcessRequest): Promise<VendorResult<null>>;
  uploadAdditionalStep(request: UploadAdditionalStepRequest): Promise<VendorResult<null>>;
}

export const DEFAULT_VENDOR_TIMEOUT_MS = 30_000;

export function basicAuthorization(apiKey: string, apiSecret: string): string {
  return `Basic ${Buffer.from(`${apiKey}:${apiSecret}`, 'utf8').toString('base64')}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function createVendorClient(options: VendorClientOptions): VendorClient {
  const authorization = basicAuthorization(options.apiKey, options.apiSecret);
  const timeoutMs = options.timeoutMs ?? DEFAULT_VENDOR_TIMEOUT_MS;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(path: string, payload: unknown): Promise<VendorResult<unknown>> {
    const failure = (p: ReturnType<typeof problem>): VendorResult<never> => ({ ok: false, ...p });
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
        signal,
      });
      text = await response.text();
    } catch (error) {
      // The in-process sandbox keeps its tokens in the backend's store: its trouble is the store's.
      if (isStoreUnavailable(error)) throw error;
      // Messages name the host only: the request itself holds the secret and maybe images.
      if (signal.aborted) return failure(problem('VENDOR_TIMEOUT', `The identity vendor did not answer within ${Math.round(timeoutMs / 1000)} s`));
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      return failure(problem('VENDOR_UNREACHABLE', `Could not reach the identity vendor at ${base}${typeof code === 'string' ? ` (${code})` : ''}`));
    }

    let json: unknown = null;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        // A proxy's HTML error page or a truncated answer: nothing the widget could act on.
        return failure(problem('VENDOR_BAD_RESPONSE', `The identity vendor answered ${response.status} with a body that is not JSON`));
      }
    }
    if (response.ok) return { ok: true, status: response.status, body: json };
    return { ok: false, status: response.status, body: toVendorError(response.status, json) };
  }

  return {
    async token(request) {
      const result = await call('/api/v2/token', request);
      if (!result.ok) return result;
      const body = result.body;
      if (!isRecord(body) || typeof body.authToken !== 'string' || body.authToken === '' || typeof body.scanRef !== 'string') {
        return { ok: false, ...problem('VENDOR_BAD_RESPONSE', 'The identity vendor created a token but its answer lacks authToken or scanRef') };
      }
      return { ok: true, status: result.status, body: body as unknown as TokenResponse };
    },
    async process(request) {
      const result = await call('/api/v2/process', request);
      return result.ok ? { ok: true, status: result.status, body: null } : result;
    },
    async uploadAdditionalStep(request) {
      const result = await call('/api/v2/upload-additional-step', request);
      return result.ok ? { ok: true, status: result.status, body: null } : result;
    },
  };
}

/**
 * Keeps the vendor's `{ message, identifier, severity, documentation }` as it is. Its "standard API
 * error response" for auth and malformed JSON may look different, so fill the two fields the
 * widget relies on rather than passing something it cannot read.
 */
function toVendorError(status: number, json: unknown): VendorErrorBody {
  const body = isRecord(json) ? json : {};
  const message = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : `The identity vendor answered ${status}`;
  const identifier = typeof body.identifier === 'string' ? body.identifier : 'VENDOR_ERROR';
  return {
    message,
    identifier,
    ...(typeof body.severity === 'string' ? { severity: body.severity } : {}),
    ...(typeof body.documentation === 'string' ? { documentation: body.documentation } : {}),
  };
}
