/**
 * The vendor's token response (POST /api/v2/token) and the subset of it the widget needs.
 * Field names and types follow ../shared/spec/additional-steps.md exactly.
 */

export const DOCUMENT_TYPES = ['ID_CARD', 'PASSPORT', 'RESIDENCE_PERMIT', 'DRIVER_LICENSE', 'OTHER'] as const;
/** Document types `/process` accepts. Additional-step keys may also name PAN_CARD and AADHAAR. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** The four image slots of `/process`; any other additional-step name is a custom step. */
export const PROCESS_IMAGE_KEYS = ['FRONT', 'BACK', 'FACE', 'UTILITY_BILL'] as const;
export type ProcessImageKey = (typeof PROCESS_IMAGE_KEYS)[number];

export function isProcessImageKey(value: string): value is ProcessImageKey {
  return (PROCESS_IMAGE_KEYS as readonly string[]).includes(value);
}

export interface StepText {
  name?: string;
  description?: string;
}

/** Texts keyed by locale as the merchant wrote them (`jp` appears in the vendor's own example). */
export type StepTexts = Record<string, StepText>;

export interface StepSettings {
  canUpload: boolean;
  canCapture: boolean;
  canUploadPDF: boolean;
}

export interface AdditionalStepConfig {
  type?: 'UPLOAD' | 'EXTRACT' | 'COMPARE';
  fields?: string[];
  texts?: StepTexts;
  settings?: Partial<StepSettings>;
}

/** `additionalSteps[COUNTRY | 'ALL'][DOCUMENT_TYPE | 'ALL'][STEP_NAME]`. */
export type AdditionalSteps = Record<string, Record<string, Record<string, AdditionalStepConfig>>>;

export type TokenType = 'IDENTIFICATION' | 'DOCUMENT' | 'VIDEO_CALL' | 'AUTHENTICATION' | (string & {});

/** Every field the vendor returns when a token is created. */
export interface TokenResponse {
  message: string;
  authToken: string;
  scanRef: string;
  clientId: string;
  personScanRef: string | null;
  firstName: string | null;
  lastName: string | null;
  successUrl: string | null;
  errorUrl: string | null;
  unverifiedUrl: string | null;
  callbackUrl: string | null;
  locale: string | null;
  country: string | null;
  /** Seconds the token stays valid from creation. */
  expiryTime: number;
  /** Seconds a started session may last. */
  sessionLength: number;
  documents: string[];
  dateOfBirth: string | null;
  dateOfExpiry: string | null;
  dateOfIssue: string | null;
  nationality: string | null;
  personalNumber: string | null;
  documentNumber: string | null;
  sex: string | null;
  address: string | null;
  showInstructions: boolean;
  tokenType: TokenType;
  videoCallQuestions: unknown[];
  utilityBill: boolean | null;
  additionalSteps: AdditionalSteps | null;
  additionalData?: Record<string, Record<string, string>> | null;
  externalRef: string | null;
  digitString: string | null;
}

/** What the merchant backend hands the browser (`POST sessionUrl`), never the API key. */
export type Session = Pick<
  TokenResponse,
  | 'authToken'
  | 'scanRef'
  | 'documents'
  | 'additionalSteps'
  | 'utilityBill'
  | 'locale'
  | 'country'
  | 'showInstructions'
  | 'expiryTime'
  | 'sessionLength'
>;

export const SESSION_FIELDS = [
  'authToken',
  'scanRef',
  'documents',
  'additionalSteps',
  'utilityBill',
  'locale',
  'country',
  'showInstructions',
  'expiryTime',
  'sessionLength',
] as const satisfies readonly (keyof Session)[];

export function toSession(token: TokenResponse): Session {
  const session = {} as Record<string, unknown>;
  for (const key of SESSION_FIELDS) session[key] = token[key] ?? null;
  return session as unknown as Session;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a session that came over the network (or from a host app) before the flow trusts it.
 * Unknown document types are dropped rather than fatal: the vendor may add types we cannot submit.
 */
export function parseSession(input: unknown): ParseResult<Session> {
  if (!isRecord(input)) return { ok: false, problem: 'session is not an object' };
  const { authToken, scanRef, documents, additionalSteps } = input;
  if (typeof authToken !== 'string' || authToken === '') return { ok: false, problem: 'authToken missing' };
  if (documents !== undefined && documents !== null && !Array.isArray(documents)) {
    return { ok: false, problem: 'documents is not a list' };
  }
  if (additionalSteps !== undefined && additionalSteps !== null && !isRecord(additionalSteps)) {
    return { ok: false, problem: 'additionalSteps is not an object' };
  }
  const offered = (Array.isArray(documents) ? documents : []).filter(isDocumentType);
  const country = typeof input.country === 'string' && /^[A-Za-z]{2}$/.test(input.country) ? input.country.toUpperCase() : null;
  const number = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    ok: true,
    value: {
      authToken,
      scanRef: typeof scanRef === 'string' ? scanRef : '',
      documents: offered.length > 0 ? offered : [...DOCUMENT_TYPES.filter((type) => type !== 'OTHER')],
      additionalSteps: isRecord(additionalSteps) ? (additionalSteps as AdditionalSteps) : null,
      utilityBill: input.utilityBill === true,
      locale: typeof input.locale === 'string' && input.locale !== '' ? input.locale : null,
      country,
      showInstructions: input.showInstructions !== false,
      expiryTime: number(input.expiryTime, 3600),
      sessionLength: number(input.sessionLength, 600),
    },
  };
}
