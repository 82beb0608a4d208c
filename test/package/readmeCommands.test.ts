import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { securityHeaders } from '../../server/securityHeaders.ts';
import { createSite, listen } from '../../server/site.ts';
import { CHROMIUM_ARGS, findChromium } from '../chromium.ts';
import { start, type Started } from './commands.ts';
import { openWatched } from '../devtools.ts';
import { freePort } from '../freePort.ts';

/**
 * The README's commands, run as a newcomer runs them after `npm run build` (this project's
 * global set-up): each must start, serve what it promises, and show the first screen without a
 * console error. Ports are free ones, so the commands' defaults never collide with a running `npm start`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});


async function withCommand(script: string, ready: RegExp, body: (origin: string) => Promise<void>): Promise<void> {
  const port = await freePort();
  let running: Started | undefined;
  try {
    running = await start('npm', ['run', script], { cwd: root, env: { PORT: String(port), MARKID_API_KEY: '', MARKID_API_SECRET: '' }, ready });
    await body(running.found.replace(/\/$/, ''));
  } finally {
    await running?.stop();
  }
}

describe('the README commands', () => {
  it('npm start serves the hosted page, the backend and the sandbox', async () => {
    await withCommand('start', /Local:\s+(http:\/\/\S+)/, async (origin) => {
      const { page, problems } = await openWatched(browser, `${origin}/?locale=en`);
      await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor({ timeout: 60_000 });
      expect(await (await fetch(`${origin}/api/health`)).json()).toMatchObject({ status: 'ok', mode: 'sandbox' });
      expect(problems).toEqual([]);
    });
  });

  it('npm run serve answers the hosted page with its security headers', async () => {
    await withCommand('serve', /Hosted page: (http:\/\/\S+)/, async (origin) => {
      const response = await fetch(`${origin}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      for (const [name, value] of Object.entries(securityHeaders())) expect(response.headers.get(name), name).toBe(value);
      const { page, problems } = await openWatched(browser, `${origin}/?locale=en`);
      await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor({ timeout: 30_000 });
      expect(problems).toEqual([]);
    });
  });

  it('npm run example:html shows the widget in the merchant page', async () => {
    await withCommand('example:html', /Merchant page: (http:\/\/\S+)/, async (origin) => {
      const { page, problems } = await openWatched(browser, origin);
      await page.locator('markid-onboarding').getByRole('heading', { level: 1, name: 'Before you start' }).waitFor({ timeout: 30_000 });
      expect(problems).toEqual([]);
    });
  });

  it('npm run example:react shows the widget inside the merchant app', async () => {
    await withCommand('example:react', /Local:\s+(http:\/\/\S+)/, async (origin) => {
      const { page, problems } = await openWatched(browser, origin, { allowAborted: true });
      await page.getByRole('button', { name: 'Verify my driving licence' }).click({ timeout: 60_000 });
      await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor({ timeout: 60_000 });
      expect(problems).toEqual([]);
    });
  });

  it('the script-tag bundle defines <markid-onboarding> on a bare page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'markid-bare-'));
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html lang="en"><head><title>Bare</title><link rel="icon" href="data:,"></head><body><markid-onboarding session-url="/api/session" submit-url="/api/submit"></markid-onboarding><script type="module" src="/markid/markid-onboarding.js"></script></body></html>',
    );
    const site = await listen(createSite(loadConfig({}), { mounts: [{ urlPrefix: '/markid/', dir: join(root, 'dist/standalone') }, { urlPrefix: '/', dir }] }), 0);
    try {
      const { page, problems } = await openWatched(browser, site.origin);
      await page.waitForFunction(() => customElements.get('markid-onboarding') !== undefined && typeof window.MarkIdOnboarding?.mount === 'function');
      await page.locator('markid-onboarding').getByRole('heading', { level: 1, name: 'Before you start' }).waitFor({ timeout: 30_000 });
      expect(problems).toEqual([]);
    } finally {
      await site.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
