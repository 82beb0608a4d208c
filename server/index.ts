/**
 * `markid-onboarding/server`: the reference merchant backend as a web-standard fetch handler
 * (`Request → Response`), its stores, and adapters for Node's `http` and Express/Connect. Nothing
 * here is imported by the browser entry, and nothing in the browser entry by this.
 */
export { createMerchantBackend } from './backend.ts';
export type { MerchantBackend, MerchantBackendDeps } from './backend.ts';
export { ConfigError, DEFAULT_SESSION_RATE_LIMIT, describeConfig, loadConfig } from './config.ts';
export type { ClientIdStrategy, Env, MerchantConfig, RateLimit, TokenDefaults } from './config.ts';
export type { CreateSessionHook, RequestInfo, SessionFields } from './routes/context.ts';
export type { HandoffEventOptions } from './routes/handoff.ts';
export type { HandoffChoices, HandoffClaimed, HandoffMinted, HandoffProgress, HandoffStatus } from '../src/core/handoff.ts';
export { ERRORS, ERROR_IDENTIFIERS, problem } from './errors.ts';
export type { ErrorIdentifier, Problem } from './errors.ts';
export { backendRecords, createMemoryStore, createRedisStore, createStore, records, StoreUnavailableError, isStoreUnavailable, versions } from './store/index.ts';
export type { BackendRecords, Condition, HandoffRecord, MemoryStoreOptions, Records, RedisStoreOptions, Store, StoreHealth, Versions } from './store/index.ts';
export { expressMiddleware, toNodeMiddleware } from './nodeAdapter.ts';
export type { NodeAdapterOptions, NodeMiddleware, RequestHandler } from './nodeAdapter.ts';
export { createSandboxVendor, SANDBOX_API_KEY, SANDBOX_API_SECRET } from './sandbox.ts';
export type { SandboxOptions, SandboxVendor, SubmissionSummary } from './sandbox.ts';
export type { RequestLogLine } from './requestLog.ts';
