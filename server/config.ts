import { additionalStepsProblem } from './additionalSteps.ts';
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, SANDBOX_BASE_URL } from './sandbox.ts';

export const DEFAULT_BASE_URL = 'https://ivs.markid.eu';

/**
 * How each token's `clientId` is chosen. The vendor ties verifications to it (`personScanRef`), so
 * a reference backend with no user database of its own must not lump every visitor under one id:
 * random by default, fixed only when the merchant says so (e.g. one id per test environment).
 */
export type ClientIdStrategy = { kind: 'random' } | { kind: 'fixed'; value: string };

/** Extra fields for every token request, e.g. `{"utilityBill":true}` or `{"additionalSteps":{...}}`. */
export type TokenDefaults = Record<string, unknown>;

export interface MerchantConfig {
  /** `sandbox`: no API key was given, so the embedded sandbox vendor answers in-process. */
  mode: 'sandbox' | 'vendor';
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  port: number | undefined;
  tokenDefaults: TokenDefaults;
  clientId: ClientIdStrategy;
  /** Bearer secret the merchant's server sends to mint re-upload sessions; unset: no re-uploads. */
  reuploadSecret: string | undefined;
  /** Submissions read and forwarded at once; the rest wait. Bounds memory: ~90 MB each for a 15 MB body (bench/load.ts). */
  maxConcurrentSubmissions: number;
  /** `redis://…` or `rediss://…`: the store shared by every instance. Unset: this process's memory. */
  storeUrl: string | undefined;
  /** Sessions one client key may mint per window; null: unlimited (the sandbox's default, its tokens are free). */
  sessionRateLimit: RateLimit | null;
  /** Behind a reverse proxy: take the client address from the last `X-Forwarded-For` entry it appended. */
  trustProxy: boolean;
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Every vendor token may cost the merchant money: ten per person or address per ten minutes. */
export const DEFAULT_SESSION_RATE_LIMIT: RateLimit = { limit: 10, windowSeconds: 600 };

/** A configuration the backend refuses to start with; the message says which variable and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Empty values count as unset: `.env` templates and CI matrices leave `KEY=` lines around. */
const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** Pure: the same environment gives the same configuration, and bad input throws `ConfigError`. */
export function loadConfig(env: Env): MerchantConfig {
  const apiKey = read(env, 'MARKID_API_KEY');
  const apiSecret = read(env, 'MARKID_API_SECRET');
  const baseUrl = read(env, 'MARKID_BASE_URL');
  const fixedClientId = read(env, 'MARKID_CLIENT_ID');
  const common = {
    port: parsePort(read(env, 'PORT')),
    tokenDefaults: parseTokenDefaults(read(env, 'MARKID_TOKEN_DEFAULTS')),
    clientId: fixedClientId === undefined ? ({ kind: 'random' } as const) : ({ kind: 'fixed', value: fixedClientId } as const),
    reuploadSecret: parseReuploadSecret(read(env, 'MARKID_REUPLOAD_SECRET')),
    maxConcurrentSubmissions: parseCount(read(env, 'MARKID_MAX_CONCURRENT_SUBMISSIONS'), 'MARKID_MAX_CONCURRENT_SUBMISSIONS', 8),
    storeUrl: parseStoreUrl(read(env, 'MARKID_STORE_URL')),
    trustProxy: parseFlag(read(env, 'MARKID_TRUST_PROXY'), 'MARKID_TRUST_PROXY'),
  };
  const rateLimit = read(env, 'MARKID_SESSION_RATE_LIMIT');

  if (apiKey === undefined) {
    if (apiSecret !== undefined) throw new ConfigError('MARKID_API_SECRET is set but MARKID_API_KEY is not: set both, or neither to use the embedded sandbox.');
    // Someone who points at a vendor URL expects real verifications; quietly running the sandbox
    // instead would look like success while nothing reaches the vendor.
    if (baseUrl !== undefined) throw new ConfigError('MARKID_BASE_URL is set but MARKID_API_KEY is not: set the key and secret, or unset MARKID_BASE_URL to use the embedded sandbox.');
    const sessionRateLimit = parseRateLimit(rateLimit, null);
    return { mode: 'sandbox', baseUrl: SANDBOX_BASE_URL, apiKey: SANDBOX_API_KEY, apiSecret: SANDBOX_API_SECRET, ...common, sessionRateLimit };
  }
  if (apiSecret === undefined) throw new ConfigError('MARKID_API_KEY is set but MARKID_API_SECRET is not.');
  const sessionRateLimit = parseRateLimit(rateLimit, DEFAULT_SESSION_RATE_LIMIT);
  return { mode: 'vendor', baseUrl: parseBaseUrl(baseUrl ?? DEFAULT_BASE_URL), apiKey, apiSecret, ...common, sessionRateLimit };
}

function parseStoreUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: the URL may carry the Redis password.
    throw new ConfigError('MARKID_STORE_URL is not a URL (expected redis://host:6379 or rediss://host:6380).');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`MARKID_STORE_URL must start with redis:// or rediss://, got '${url.protocol}//…'.`);
  }
  return value;
}

/** `10/600`: ten sessions per 600 seconds; `off`: no limit. */
function parseRateLimit(value: string | undefined, fallback: RateLimit | null): RateLimit | null {
  if (value === undefined) return fallback;
  if (value.toLowerCase() === 'off') return null;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const limit = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || limit < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
    throw new ConfigError(`MARKID_SESSION_RATE_LIMIT must be 'COUNT/SECONDS' (e.g. 10/600) or 'off', got '${value}'.`);
  }
  return { limit, windowSeconds };
}

function parseFlag(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got '${value}'.`);
}

function parseReuploadSecret(value: string | undefined): string | undefined {
  // It guards uploads into real verifications: a guessable one would be no guard at all.
  if (value !== undefined && value.length < 24) throw new ConfigError('MARKID_REUPLOAD_SECRET must be at least 24 characters long (e.g. `openssl rand -base64 32`).');
  return value;
}

function parseCount(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new ConfigError(`${name} must be a whole number from 1 to 10000, got '${value}'.`);
  return count;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`PORT must be a whole number from 1 to 65535, got '${value}'.`);
  return port;
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`MARKID_BASE_URL is not a URL: '${value}'.`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  // Basic auth sends the secret with every request; only a local stand-in may see it unencrypted.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`MARKID_BASE_URL must use https (plain http only for localhost), got '${value}'.`);
  }
  return url.href.replace(/\/+$/, '');
}

function parseTokenDefaults(value: string | undefined): TokenDefaults {
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ConfigError(`MARKID_TOKEN_DEFAULTS is not valid JSON (${(error as Error).message}). Example: MARKID_TOKEN_DEFAULTS='{"utilityBill":true}'`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('MARKID_TOKEN_DEFAULTS must be a JSON object, e.g. {"utilityBill":true}.');
  }
  const defaults = parsed as TokenDefaults;
  if ('clientId' in defaults) throw new ConfigError('MARKID_TOKEN_DEFAULTS must not set clientId: use MARKID_CLIENT_ID for a fixed one.');
  // Both would make the vendor refuse every token, i.e. every session; better to say so now.
  if (defaults.utilityBill != null && defaults.additionalSteps != null) {
    throw new ConfigError(
      "MARKID_TOKEN_DEFAULTS sets both 'utilityBill' and 'additionalSteps', which the vendor refuses together: describe the UTILITY_BILL step inside 'additionalSteps' instead.",
    );
  }
  if (defaults.additionalSteps != null) {
    const stepsProblem = additionalStepsProblem(defaults.additionalSteps);
    if (stepsProblem) throw new ConfigError(`MARKID_TOKEN_DEFAULTS: ${stepsProblem}.`);
  }
  return defaults;
}

export function nextClientId(strategy: ClientIdStrategy, randomUUID: () => string = () => crypto.randomUUID()): string {
  return strategy.kind === 'fixed' ? strategy.value : randomUUID();
}

/** One line for the startup log. Names the vendor URL, never the key or secret. */
export function describeConfig(config: MerchantConfig): string {
  const vendor =
    config.mode === 'sandbox' ? 'Mark ID: embedded sandbox vendor (no MARKID_API_KEY set); nothing leaves this machine' : `Mark ID: vendor at ${config.baseUrl}`;
  // The host only: the URL may carry the Redis password.
  const store = config.storeUrl ? `store: Redis at ${new URL(config.storeUrl).host}` : 'store: this process (memory)';
  return `${vendor}; ${store}`;
}
