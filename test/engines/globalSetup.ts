import type { TestProject } from 'vitest/node';
import { startPageServer } from '../e2e/harness.ts';
import { requireEngine } from './binaries.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The hosted page with the merchant backend on the sandbox, shared by every cross-engine test file. */
    pageOrigin: string;
  }
}

/** One page server and backend for all cross-engine files; each engine's packages checked up front. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireEngine('webkit');
  requireEngine('firefox');
  const pages = await startPageServer({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: undefined });
  project.provide('pageOrigin', pages.origin);
  return () => pages.close();
}
