/**
 * `npm run bench`: serves bench/compress.html with a throwaway Vite dev server (configFile: false —
 * the app's vite.config.ts mounts the merchant backend, which the bench neither needs nor waits
 * for), opens it in the system Chromium and prints a markdown table of compression timings.
 * Exits non-zero if anything fails, if our compressor misses its budget, or if any request leaves
 * the page's origin.
 */
import { createReadStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../test/chromium';
import { planBudget } from '../src/core/budget';
import type { BenchReport } from './compress.bench';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;
/** One image alone, and five images sharing the 20 MB request (front, back, face, two extra steps). */
const BUDGETS = [planBudget(1).bytes, planBudget(5).bytes];
const LIB_PATH = '/bench-vendor/browser-image-compression.js';
const DEADLINE_MS = 170_000;

/** The library's UMD build, byte for byte, for its worker's importScripts (no Vite transform). */
function vendorLibrary(): Plugin {
  const file = resolve(ROOT, 'node_modules/browser-image-compression/dist/browser-image-compression.js');
  return {
    name: 'bench-vendor',
    configureServer(server) {
      server.middlewares.use(LIB_PATH, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        createReadStream(file).pipe(res);
      });
    },
  };
}

async function main(): Promise<void> {
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  const timer = setTimeout(() => {
    console.error(`bench: no result after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    server = await createServer({
      configFile: false,
      root: ROOT,
      logLevel: 'warn',
      clearScreen: false,
      cacheDir: 'node_modules/.vite-bench',
      plugins: [vendorLibrary()],
      worker: { format: 'es' },
      // Pre-bundle up front so no mid-run dependency discovery reloads the page; scan only the bench.
      optimizeDeps: { entries: ['bench/compress.html'], include: ['browser-image-compression'] },
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('Vite did not report a port.');
    const origin = `http://127.0.0.1:${address.port}`;

    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext();
    const foreign: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/bench/compress.html`);
    await page.waitForFunction(() => typeof window.runBench === 'function', undefined, { timeout: 60_000 });
    const report: BenchReport = await page.evaluate(
      (options) => {
        if (!window.runBench) throw new Error('runBench missing');
        return window.runBench(options);
      },
      { runs: RUNS, budgets: BUDGETS, libUrl: `${origin}${LIB_PATH}` },
    );

    print(report, await browser.version());
    const problems: string[] = [];
    for (const row of report.rows) {
      if (row.note.includes('NOT JPEG')) problems.push(`${row.method}: output is not a JPEG`);
      if (row.method.startsWith('(a') && row.budget !== null && row.bytes > row.budget) {
        problems.push(`${row.method}: ${row.bytes} bytes over the budget of ${row.budget}`);
      }
      // The whole point of the worker; a little slack for GC or a busy machine.
      if (row.method.startsWith('(a) ') && row.longTaskMs >= 200) problems.push(`${row.method}: main-thread long task of ${row.longTaskMs} ms`);
    }
    if (foreign.length) problems.push(`requests left the origin: ${[...new Set(foreign)].join(', ')}`);
    if (pageErrors.length) problems.push(`page errors: ${pageErrors.join('; ')}`);
    if (problems.length) {
      console.error(`\nbench FAILED:\n- ${problems.join('\n- ')}`);
      process.exitCode = 1;
    } else {
      console.log('\nNo request left the page origin (Playwright saw every page and worker request).');
    }
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.close();
  }
}

function print(report: BenchReport, version: string): void {
  const { input } = report;
  console.log(`\nChromium ${version}, input: ${input.width}×${input.height} JPEG, ${input.bytes.toLocaleString('en-US')} bytes; median of ${RUNS} runs after one warm-up.\n`);
  console.log('| method | budget (bytes) | median ms | runs ms | output bytes | output size | longest main-thread long task | notes |');
  console.log('|---|---:|---:|---|---:|---|---:|---|');
  for (const row of report.rows) {
    const budget = row.budget === null ? '–' : row.budget.toLocaleString('en-US');
    const fits = row.budget === null ? '' : row.bytes <= row.budget ? ' ✓' : ' ✗ over';
    console.log(
      `| ${row.method} | ${budget} | ${row.ms} | ${row.runs.join(', ')} | ${row.bytes.toLocaleString('en-US')}${fits} | ${row.width}×${row.height} | ${row.longTaskMs ? `${row.longTaskMs} ms` : 'none'} | ${row.note} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
