import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createSite, listen, type RunningSite } from '../../server/site.ts';
import { CHROMIUM_ARGS, findChromium } from '../chromium.ts';
import { run, runOrThrow } from './commands.ts';
import { openWatched } from '../devtools.ts';

/**
 * The packed tarball as a merchant gets it from the registry: installed into a fresh app, type-checked
 * against under both module resolutions a host may use, bundled by Vite and rendered in Chromium.
 */
const lock = createRequire(import.meta.url)('../../package-lock.json') as { packages: Record<string, { version: string }> };
const pinned = (name: string) => `${name}@${lock.packages[`node_modules/${name}`]!.version}`;

let app: string;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'markid-app-'));
  await mkdir(join(app, 'src'));
  await mkdir(join(app, 'server'));
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'merchant-app', private: true, type: 'module' }));
  await writeFile(join(app, 'index.html'), '<!doctype html><html lang="en"><head><title>Merchant</title><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>');
  await writeFile(join(app, 'src/main.tsx'), MAIN);
  await writeFile(join(app, 'src/element.ts'), ELEMENT);
  await writeFile(join(app, 'server/backend.ts'), SERVER);
  // Everything comes from the npm cache that `npm ci` of this repository filled: no new download.
  await runOrThrow('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', inject('tarball'), ...['react', 'react-dom', '@types/react', '@types/react-dom', '@types/node', 'typescript'].map(pinned)], { cwd: app });
}, 300_000);

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

/** A host's use of the public API: the component with typed callbacks, pure helpers, the element's types. */
const MAIN = `import { createRoot } from 'react-dom/client';
import { Onboarding, planBudget, resolveSteps, UI_LOCALES, type OnboardingError, type StepChange } from 'markid-onboarding';
import 'markid-onboarding/style.css';

const locales: readonly string[] = UI_LOCALES;
const budget = planBudget(3);
console.info(locales.length, budget, typeof resolveSteps);
createRoot(document.getElementById('root')!).render(
  <Onboarding
    sessionUrl="/api/session"
    submitUrl="/api/submit"
    locale="en"
    onStepChange={(change: StepChange) => console.info(change.screen)}
    onError={(error: OnboardingError) => console.info(error.code)}
  />,
);
`;
const ELEMENT = `import type { MarkIdOnboardingElement, MountOptions } from 'markid-onboarding/standalone';
export type Element = MarkIdOnboardingElement;
export const options: MountOptions | undefined = undefined;
`;

/** A merchant's backend on the package's server entry: the fetch handler with its own users and a store. */
const SERVER = `import { createMemoryStore, createMerchantBackend, loadConfig, toNodeMiddleware } from 'markid-onboarding/server';
import { createServer } from 'node:http';

const backend = createMerchantBackend(loadConfig(process.env), {
  store: createMemoryStore(),
  createSession: (request: Request) => (request.headers.get('cookie') ? { clientId: 'user-1' } : new Response(null, { status: 401 })),
});
export const handler: (request: Request) => Promise<Response> = backend;
createServer(toNodeMiddleware(backend));
`;

const RESOLUTIONS = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
};

describe('the packed package in a fresh app', () => {
  for (const [name, resolution] of Object.entries(RESOLUTIONS)) {
    it(`type-checks under moduleResolution ${name}, strict, without skipLibCheck`, async () => {
      const tsconfig = `tsconfig.${name}.json`;
      const options = { ...resolution, target: 'es2022', lib: ['es2023', 'dom', 'dom.iterable'], jsx: 'react-jsx', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] };
      await writeFile(join(app, tsconfig), JSON.stringify({ compilerOptions: options, include: ['src', 'server'] }));
      const { code, output } = await run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: app });
      expect(output, `tsc -p ${tsconfig} in the fresh app`).toBe('');
      expect(code).toBe(0);
    });
  }

  describe('bundled by the host and opened in a browser', () => {
    let site: RunningSite;
    let browser: Browser;
    beforeAll(async () => {
      await build({ root: app, configFile: false, logLevel: 'warn', plugins: [react()], worker: { format: 'es' }, build: { outDir: join(app, 'dist') } });
      site = await listen(createSite(loadConfig({}), { mounts: [{ urlPrefix: '/', dir: join(app, 'dist') }] }), 0);
      browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    it('renders the first screen under the strict policy with no console error', async () => {
      const { page, problems } = await openWatched(browser, site.origin);
      await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor({ timeout: 30_000 });
      expect(problems).toEqual([]);
    });
  });
});
