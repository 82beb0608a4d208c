/** Kept for imports that predate the route modules: the backend now lives in ./backend.ts. */
export { createMerchantBackend } from './backend.ts';
export type { MerchantBackend, MerchantBackendDeps } from './backend.ts';
export { ERROR_IDENTIFIERS } from './errors.ts';
export { SUBMIT_JSON_SLACK_BYTES, submitBodyCap } from './submitBodyCap.ts';
export type { RequestHandler } from './nodeAdapter.ts';
