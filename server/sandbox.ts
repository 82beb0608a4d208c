import { isCountryCode } from '../src/core/countries.ts';
import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../src/core/limits.ts';
import { DOCUMENT_TYPES, PROCESS_IMAGE_KEYS, isDocumentType, isProcessImageKey } from '../src/core/token.ts';
import type { AdditionalStepConfig, AdditionalSteps, DocumentType, TokenResponse } from '../src/core/token.ts';
import { applicableAdditionalSteps } from '../src/core/additionalSteps.ts';
import { additionalStepsProblem, utilityBillSteps } from './additionalSteps.ts';
import { checkBase64, decodeBase64 } from './base64.ts';
import { discardBody, readJsonBody } from './body.ts';
import { createMemoryStore } from './store/memoryStore.ts';
import { records } from './store/records.ts';
import { isStoreUnavailable } from './store/store.ts';
import type { Store } from './store/store.ts';
import { ERROR_IDENTIFIERS, isProblem, jsonResponse, problem } from './errors.ts';
import type { Problem } from './errors.ts';
import { readJpegSize, readPngSize, sniffImageKind } from './imageSniff.ts';
import type { ImageKind } from './imageSniff.ts';
import { isVendorLocale } from './locales.ts';

export { ERROR_IDENTIFIERS };
export type { ImageKind };

/** The sandbox's own credentials. Public on purpose: it guards nothing but the wiring. */
export const SANDBOX_API_KEY = 'sandbox-api-key';
export const SANDBOX_API_SECRET = 'sandbox-api-secret';
/** `.invalid` never resolves, so a client wired to the network by mistake fails instead of leaking. */
export const SANDBOX_BASE_URL = 'https://sandbox.markid.invalid';

const DOCUMENTATION = 'https://github.com/markid/Documentation';
const DEFAULT_DOCUMENTS: DocumentType[] = ['ID_CARD', 'PASSPORT', 'DRIVER_LICENSE', 'RESIDENCE_PERMIT'];
/** A token request is a few kilobytes even with many step texts; no reason to buffer 20 MB of it. */
const MAX_TOKEN_REQUEST_BYTES = 1024 * 1024;
/** Processed scans stay re-uploadable this long (the real vendor: indefinitely). */
const SCAN_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Expired tokens are remembered this long so they answer TOKEN_EXPIRED, not TOKEN_NOT_FOUND. */
const TOKEN_RETENTION_MS = 60 * 60 * 1000;

export interface SandboxOptions {
  apiKey?: string;
  apiSecret?: string;
  now?: () => number;
  /** How many submission summaries to keep, newest last. */
  maxSubmissions?: number;
  /** How many tokens (and as many processed scans) to remember, in the default in-memory store. */
  maxTokens?: number;
  /**
   * Where tokens and processed scans are kept. The backend passes its own, so several instances
   * sharing Redis also share one sandbox "vendor": a token minted through one is known to all.
   */
  store?: Store;
}

export interface ImageSummary {
  /** Decoded size, not base64 length. */
  bytes: number;
  type: ImageKind;
  /** From the JPEG frame header or PNG IHDR; null for PDF. */
  width: number | null;
  height: number | null;
}

/** What the vendor received for one verification, without the token or the image data. */
export interface SubmissionSummary {
  scanRef: string;
  receivedAt: string;
  country: string;
  documentType: DocumentType;
  /** Size of the `/process` request body as received, to check against the 20 MB limit. */
  requestBytes: number;
  /** `/process` images and custom steps uploaded since, by step name. */
  images: Record<string, ImageSummary>;
  /** Custom steps that apply to this country and document but were not uploaded (yet). */
  pendingSteps: string[];
}

export interface StoredImage {
  type: ImageKind;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface SandboxVendor {
  /** The vendor's three endpoints under `/api/v2/`, with its validation. */
  handle(request: Request): Promise<Response>;
  /** Newest last, at most `maxSubmissions`. Copies: mutating them changes nothing. */
  submissions(): SubmissionSummary[];
  lastSubmission(): SubmissionSummary | null;
  /** Only the last submission keeps its image bytes, so memory stays bounded while a page can show thumbnails. */
  lastSubmissionImage(step: string): StoredImage | null;
}

interface SandboxToken {
  response: TokenResponse;
  /** Created with `additionalSteps`: the vendor only accepts upload-additional-step for those. */
  customSteps: boolean;
  used: boolean;
  expiresAt: number;
}

interface ProcessedScan {
  token: SandboxToken;
  country: string;
  documentType: DocumentType;
  summary: SubmissionSummary;
}

interface ReceivedImage {
  type: ImageKind;
  data: Uint8Array<ArrayBuffer>;
  width: number | null;
  height: number | null;
}

type Body = Record<string, unknown>;

const isRecord = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);
const isAbsent = (value: unknown) => value === undefined || value === null || value === '';

function vendorErrorResponse(p: Problem, headers?: Record<string, string>): Response {
  return jsonResponse(
    p.status,
    { ...p.body, severity: p.status === 401 ? 'SEVERE' : 'NOT_SEVERE', documentation: DOCUMENTATION },
    headers,
  );
}

function randomAuthToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(40)), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function createSandboxVendor(options: SandboxOptions = {}): SandboxVendor {
  const expectedAuthorization = `${options.apiKey ?? SANDBOX_API_KEY}:${options.apiSecret ?? SANDBOX_API_SECRET}`;
  const now = options.now ?? Date.now;
  const maxSubmissions = options.maxSubmissions ?? 20;
  const maxTokens = options.maxTokens ?? 10_000;
  const store = options.store ?? createMemoryStore({ maxEntries: maxTokens * 2, now });
  const tokens = records<SandboxToken>(store, 'sandbox-token');
  const scans = records<ProcessedScan>(store, 'sandbox-scan');
  const summaries: SubmissionSummary[] = [];
  let lastImages: { scanRef: string; images: Map<string, StoredImage> } | null = null;

  function authorized(header: string | null): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
    return match?.[1] !== undefined && Buffer.from(match[1], 'base64').toString('utf8') === expectedAuthorization;
  }

  async function createToken(body: Body): Promise<Problem | Response> {
    const { clientId } = body;
    if (isAbsent(clientId)) return problem('MISSING_VALUE', "No value provided for 'clientId'");
    if (typeof clientId !== 'string') return problem('INVALID_VALUE', "'clientId' must be a string");
    if (body.utilityBill != null && body.additionalSteps != null) {
      return problem('INVALID_VALUE', "The 'utilityBill' and 'additionalSteps' keys can't be used both in the same request");
    }
    if (body.utilityBill != null && typeof body.utilityBill !== 'boolean') return problem('INVALID_VALUE', "'utilityBill' must be true or false");
    if (body.additionalSteps != null) {
      const stepsProblem = additionalStepsProblem(body.additionalSteps);
      if (stepsProblem) return problem('INVALID_VALUE', stepsProblem);
    }
    let documents = DEFAULT_DOCUMENTS;
    if (body.documents != null) {
      if (!Array.isArray(body.documents) || body.documents.length === 0 || !body.documents.every(isDocumentType)) {
        return problem('INVALID_VALUE', `'documents' must be a non-empty list of ${DOCUMENT_TYPES.join(', ')}`);
      }
      documents = body.documents;
    }
    if (body.locale != null && !isVendorLocale(body.locale)) return problem('INVALID_VALUE', `'locale' ${JSON.stringify(body.locale)} is not supported`);
    if (body.country != null && !isCountryCode(body.country)) {
      return problem('INVALID_VALUE', `'country' ${JSON.stringify(body.country)} is not an ISO 3166-1 alpha-2 code`);
    }
    if (body.showInstructions != null && typeof body.showInstructions !== 'boolean') return problem('INVALID_VALUE', "'showInstructions' must be true or false");
    const seconds = (key: 'expiryTime' | 'sessionLength', fallback: number): number | Problem => {
      const value = body[key];
      if (value == null) return fallback;
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : problem('INVALID_VALUE', `'${key}' must be a positive whole number of seconds`);
    };
    const expiryTime = seconds('expiryTime', 3600);
    if (isProblem(expiryTime)) return expiryTime;
    const sessionLength = seconds('sessionLength', 600);
    if (isProblem(sessionLength)) return sessionLength;
    if (body.additionalData != null && !isRecord(body.additionalData)) return problem('INVALID_VALUE', "'additionalData' must be an object");

    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null);
    const response: TokenResponse = {
      message: 'Token created successfully',
      authToken: randomAuthToken(),
      scanRef: crypto.randomUUID(),
      clientId,
      personScanRef: clientId,
      firstName: text('firstName'),
      lastName: text('lastName'),
      successUrl: text('successUrl'),
      errorUrl: text('errorUrl'),
      unverifiedUrl: text('unverifiedUrl'),
      callbackUrl: text('callbackUrl'),
      locale: (body.locale as string | undefined) ?? null,
      country: (body.country as string | undefined) ?? null,
      expiryTime,
      sessionLength,
      documents: [...documents],
      dateOfBirth: text('dateOfBirth'),
      dateOfExpiry: text('dateOfExpiry'),
      dateOfIssue: text('dateOfIssue'),
      nationality: text('nationality'),
      personalNumber: text('personalNumber'),
      documentNumber: text('documentNumber'),
      sex: text('sex'),
      address: text('address'),
      showInstructions: (body.showInstructions as boolean | undefined) ?? true,
      tokenType: text('tokenType') ?? 'IDENTIFICATION',
      videoCallQuestions: [],
      utilityBill: (body.utilityBill as boolean | undefined) ?? null,
      additionalSteps: body.utilityBill === true ? utilityBillSteps() : ((body.additionalSteps as AdditionalSteps | undefined) ?? null),
      ...(body.additionalData != null ? { additionalData: body.additionalData as Record<string, Record<string, string>> } : {}),
      externalRef: text('externalRef'),
      digitString: null,
    };
    const expiresAt = now() + expiryTime * 1000;
    await tokens.set(response.authToken, { response, customSteps: body.additionalSteps != null, used: false, expiresAt }, expiryTime * 1000 + TOKEN_RETENTION_MS);
    return jsonResponse(201, response);
  }

  function inspectImage(step: string, value: unknown, allowPdf: boolean): Problem | ReceivedImage {
    if (typeof value !== 'string') return problem('INVALID_VALUE', `Image for step '${step}' must be a base64 string`);
    if (value.length > MAX_IMAGE_BASE64_CHARS) {
      return problem('IMAGE_TOO_LARGE', `Image for step '${step}' is ${value.length} characters long; the maximum is ${MAX_IMAGE_BASE64_CHARS}`);
    }
    const base64 = checkBase64(value);
    if (!base64.ok) {
      return problem(
        'INVALID_VALUE',
        base64.problem === 'data-url'
          ? `Image for step '${step}' must be plain base64 without a 'data:' prefix`
          : `Image for step '${step}' is not valid base64`,
      );
    }
    const bytes = decodeBase64(value);
    const type = sniffImageKind(bytes);
    if (type === null) return problem('INVALID_IMAGE', `Image for step '${step}' is not a JPEG, PNG or PDF file`);
    if (type === 'pdf' && !allowPdf) return problem('INVALID_IMAGE', `A PDF is not accepted for step '${step}'`);
    const size = type === 'jpeg' ? readJpegSize(bytes) : type === 'png' ? readPngSize(bytes) : null;
    if (type !== 'pdf' && size === null) return problem('INVALID_IMAGE', `Image for step '${step}' has no readable size (truncated or corrupt)`);
    return { type, data: bytes, width: size?.width ?? null, height: size?.height ?? null };
  }

  function summarize(image: ReceivedImage): ImageSummary {
    return { bytes: image.data.byteLength, type: image.type, width: image.width, height: image.height };
  }

  const pdfAllowed = (step: string, steps: Map<string, AdditionalStepConfig>) =>
    // Identity photos must be photos; only additional steps may opt into PDF.
    !(isProcessImageKey(step) && step !== 'UTILITY_BILL') && steps.get(step)?.settings?.canUploadPDF === true;

  async function processScan(body: Body, requestBytes: number): Promise<Problem | Response> {
    const { authToken, country, documentType, images } = body;
    if (isAbsent(authToken)) return problem('MISSING_VALUE', "No value provided for 'authToken'");
    const found = typeof authToken === 'string' ? await tokens.get(authToken) : null;
    if (!found) return problem('TOKEN_NOT_FOUND', 'Verification token not found');
    if (found.used) return problem('TOKEN_USED', 'Verification token has already been used');
    if (found.expiresAt <= now()) return problem('TOKEN_EXPIRED', 'Verification token has expired');
    const token = found.response;

    if (isAbsent(country)) return problem('MISSING_VALUE', "No value provided for 'country'");
    if (!isCountryCode(country)) return problem('INVALID_VALUE', `'country' ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code`);
    if (token.country !== null && token.country !== country) return problem('INVALID_VALUE', `This token only allows country '${token.country}'`);
    if (isAbsent(documentType)) return problem('MISSING_VALUE', "No value provided for 'documentType'");
    if (!isDocumentType(documentType)) {
      return problem('INVALID_VALUE', `'documentType' ${JSON.stringify(documentType)} is not one of ${DOCUMENT_TYPES.join(', ')}`);
    }
    if (!token.documents.includes(documentType)) return problem('INVALID_VALUE', `Document type '${documentType}' is not offered by this token`);
    if (images == null) return problem('MISSING_VALUE', "No value provided for 'images'");
    if (!isRecord(images)) return problem('INVALID_VALUE', "'images' must be an object");
    for (const key of Object.keys(images)) {
      if (!isProcessImageKey(key)) {
        return problem('INVALID_VALUE', `Unknown image key '${key}': 'images' takes ${PROCESS_IMAGE_KEYS.join(', ')}; other steps go to /upload-additional-step`);
      }
    }

    const steps = applicableAdditionalSteps(token.additionalSteps, country, documentType);
    const required = ['FRONT', ...(documentType === 'PASSPORT' ? [] : ['BACK']), 'FACE', ...(steps.has('UTILITY_BILL') ? ['UTILITY_BILL'] : [])];
    for (const step of required) {
      if (isAbsent(images[step])) return problem('MISSING_VALUE', `No image provided for step '${step}'`);
    }
    const received = new Map<string, ReceivedImage>();
    for (const step of PROCESS_IMAGE_KEYS) {
      if (isAbsent(images[step])) continue;
      const image = inspectImage(step, images[step], pdfAllowed(step, steps));
      if (isProblem(image)) return image;
      received.set(step, image);
    }

    // Only an accepted request spends the token, so a client may fix a refused one and retry.
    found.used = true;
    await tokens.set(authToken as string, found, Math.max(1, found.expiresAt + TOKEN_RETENTION_MS - now()));
    const summary: SubmissionSummary = {
      scanRef: token.scanRef,
      receivedAt: new Date(now()).toISOString(),
      country,
      documentType,
      requestBytes,
      images: Object.fromEntries([...received].map(([step, image]) => [step, summarize(image)])),
      pendingSteps: [...steps.keys()].filter((step) => !isProcessImageKey(step)),
    };
    summaries.push(summary);
    if (summaries.length > maxSubmissions) summaries.shift();
    lastImages = { scanRef: token.scanRef, images: new Map([...received].map(([step, image]) => [step, { type: image.type, bytes: image.data }])) };
    await scans.set(token.scanRef, { token: found, country, documentType, summary }, SCAN_RETENTION_MS);
    return new Response(null, { status: 200 });
  }

  async function uploadAdditionalStep(body: Body): Promise<Problem | Response> {
    const { scanRef, step, image, additionalData } = body;
    if (isAbsent(scanRef)) return problem('MISSING_VALUE', "No value provided for 'scanRef'");
    const scan = typeof scanRef === 'string' ? await scans.get(scanRef) : null;
    if (!scan) return problem('SCAN_NOT_FOUND', 'No verification was submitted with this scanRef');
    if (!scan.token.customSteps) {
      return problem('ADDITIONAL_STEPS_NOT_ENABLED', "Additional steps can only be uploaded for a scanRef whose token was created with 'additionalSteps'");
    }
    if (isAbsent(step)) return problem('MISSING_VALUE', "No value provided for 'step'");
    const steps = applicableAdditionalSteps(scan.token.response.additionalSteps, scan.country, scan.documentType);
    if (typeof step !== 'string' || !steps.has(step)) return problem('INVALID_VALUE', `Step ${JSON.stringify(step)} is not an additional step of this verification`);
    if (isAbsent(image)) return problem('MISSING_VALUE', `No image provided for step '${step}'`);
    if (additionalData != null && !isRecord(additionalData)) return problem('INVALID_VALUE', "'additionalData' must be an object");
    const received = inspectImage(step, image, pdfAllowed(step, steps));
    if (isProblem(received)) return received;

    // A re-upload replaces the earlier file, as the vendor's re-upload does.
    for (const summary of [scan.summary, ...summaries.filter((kept) => kept.scanRef === scan.summary.scanRef)]) {
      summary.images[step] = summarize(received);
      summary.pendingSteps = summary.pendingSteps.filter((pending) => pending !== step);
    }
    await scans.set(scan.summary.scanRef, scan, SCAN_RETENTION_MS);
    if (lastImages?.scanRef === scan.summary.scanRef) lastImages.images.set(step, { type: received.type, bytes: received.data });
    return new Response(null, { status: 200 });
  }

  const routes = new Map<string, { maxBytes: number; run: (body: Body, requestBytes: number) => Promise<Problem | Response> }>([
    ['/api/v2/token', { maxBytes: MAX_TOKEN_REQUEST_BYTES, run: createToken }],
    ['/api/v2/process', { maxBytes: MAX_PROCESS_REQUEST_BYTES, run: processScan }],
    ['/api/v2/upload-additional-step', { maxBytes: MAX_PROCESS_REQUEST_BYTES, run: uploadAdditionalStep }],
  ]);

  async function handle(request: Request): Promise<Response> {
    try {
      const route = routes.get(new URL(request.url).pathname);
      if (!route || request.method !== 'POST') {
        discardBody(request);
        return route
          ? vendorErrorResponse(problem('METHOD_NOT_ALLOWED', `${request.method} is not allowed here`), { allow: 'POST' })
          : vendorErrorResponse(problem('NOT_FOUND', 'No such endpoint'));
      }
      if (!authorized(request.headers.get('authorization'))) {
        discardBody(request);
        return vendorErrorResponse(problem('UNAUTHORIZED', 'API key and secret are missing or do not match'));
      }
      const parsed = await readJsonBody(request, route.maxBytes);
      if (isProblem(parsed)) return vendorErrorResponse(parsed);
      if (!isRecord(parsed.value)) return vendorErrorResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
      const result = await route.run(parsed.value, parsed.bytes);
      return result instanceof Response ? result : vendorErrorResponse(result);
    } catch (error) {
      // The backend's own store trouble, not the vendor's: it answers that as 503 STORE_UNAVAILABLE.
      if (isStoreUnavailable(error)) throw error;
      return vendorErrorResponse(problem('INTERNAL_ERROR', 'The sandbox vendor failed unexpectedly'));
    }
  }

  return {
    handle,
    submissions: () => structuredClone(summaries),
    lastSubmission: () => {
      const last = summaries.at(-1);
      return last ? structuredClone(last) : null;
    },
    lastSubmissionImage: (step) => {
      const image = lastImages?.scanRef === summaries.at(-1)?.scanRef ? lastImages?.images.get(step) : undefined;
      return image ? { type: image.type, bytes: image.bytes } : null;
    },
  };
}
