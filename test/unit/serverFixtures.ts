// Helpers for the server tests: tiny valid images made from bytes (no binary fixtures) and a
// backend wired to an in-process sandbox whose every vendor call is counted.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Env } from '../../server/config.ts';
import { createMerchantBackend } from '../../server/handlers.ts';
import type { MerchantBackendDeps } from '../../server/handlers.ts';
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, SANDBOX_BASE_URL, createSandboxVendor } from '../../server/sandbox.ts';
import type { SandboxOptions } from '../../server/sandbox.ts';
import type { FetchLike } from '../../server/vendorClient.ts';

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];

/** SOI, a JFIF APP0, a baseline SOF0 of the given size, EOI: enough for any byte sniffer. */
export function tinyJpeg(width = 640, height = 480, extraSegments: number[] = []): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    ...extraSegments,
    0xff, 0xc0, 0x00, 0x11, 0x08, ...u16(height), ...u16(width), 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    0xff, 0xd9,
  ]);
}

export function tinyPng(width = 32, height = 16): Uint8Array {
  const u32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...u32(13), 0x49, 0x48, 0x44, 0x52, ...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
}

export const tinyPdf = () => new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const JPEG = b64(tinyJpeg());

export function idCardImages(): { FRONT: string; BACK: string; FACE: string; UTILITY_BILL: null } {
  return { FRONT: b64(tinyJpeg(1200, 800)), BACK: b64(tinyJpeg(1201, 801)), FACE: b64(tinyJpeg(480, 640)), UTILITY_BILL: null };
}

/** An identity-card submit body for `authToken`, with `extra` laid over it. */
export function submission(authToken: string, extra: Record<string, unknown> = {}) {
  return { authToken, country: 'LT', documentType: 'ID_CARD', images: idCardImages(), additionalImages: {}, ...extra };
}

/** A promise the test resolves when it wants: a vendor call held open, say. */
export function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

export const CUSTOM_STEPS = {
  ALL: {
    ALL: {
      ADDITIONAL_PHOTO: {
        texts: { en: { name: 'Please upload a selfie', description: 'Please upload your selfie with your passport next to you.' } },
        settings: { canUpload: true, canCapture: false, canUploadPDF: false },
      },
    },
  },
};

export function jsonRequest(url: string, body: unknown, init: RequestInit = {}): Request {
  return new Request(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    body: JSON.stringify(body),
  });
}

export function basicAuth(key = SANDBOX_API_KEY, secret = SANDBOX_API_SECRET): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** A request straight to the sandbox, with its credentials. */
export function vendorRequest(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return jsonRequest(`${SANDBOX_BASE_URL}${path}`, body, { headers: { authorization: basicAuth(), ...headers } });
}

export interface VendorCall {
  path: string;
  body: Record<string, unknown>;
}

/**
 * A backend on the sandbox with a counting fetch. `intercept` may answer a call itself (to play a
 * vendor that is down or slow); returning undefined passes it on to the sandbox.
 */
export function setup(
  env: Env = {},
  options: {
    sandbox?: SandboxOptions;
    deps?: MerchantBackendDeps;
    intercept?: (call: VendorCall, init: RequestInit) => Promise<Response | undefined> | undefined;
  } = {},
) {
  const config = loadConfig(env);
  const sandbox = createSandboxVendor({ ...options.sandbox, apiKey: config.apiKey, apiSecret: config.apiSecret });
  const calls: VendorCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { path: new URL(url).pathname, body: JSON.parse(String(init.body)) as Record<string, unknown> };
    calls.push(call);
    return (await options.intercept?.(call, init)) ?? sandbox.handle(new Request(url, init));
  };
  const backend = createMerchantBackend(config, { sandbox, fetch, ...options.deps });
  const count = (path: string) => calls.filter((call) => call.path === path).length;
  async function session(body: unknown = {}) {
    const response = await backend(jsonRequest('http://shop.test/api/session', body));
    return { response, body: (await response.json()) as Record<string, unknown> & { authToken: string; scanRef: string } };
  }
  const submit = (body: unknown) => backend(jsonRequest('http://shop.test/api/submit', body));
  return { config, sandbox, backend, calls, count, session, submit };
}

/**
 * A body stream that records how much was pulled and whether it was cancelled. Endless unless
 * `totalBytes` is given, so a server that reads it all would hang the test rather than pass.
 */
export function countingStream(chunkBytes = 1024 * 1024, totalBytes = Infinity) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x41);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= totalBytes) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/**
 * Real node:http servers on loopback for one test file, every one closed (connections and all)
 * after each test. Call once at the top of the file; the function it returns starts a server and
 * resolves with its origin.
 */
export function useNodeServers(): (listener: RequestListener) => Promise<string> {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((server) => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      }),
    );
  });
  return async (listener) => {
    const server = createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
}
