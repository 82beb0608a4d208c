/**
 * `npm run bench:pdf`: serves bench/pdf.html with a throwaway Vite dev server, opens it in the
 * system Chromium and prints, side by side from one run, the time to a PDF's first-page preview
 * and to a page drawn for sending, next to the photo pipeline and its floor on the same page.
 * Exits non-zero if anything fails, a page misses its budget, or a request leaves the origin.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { planBudget } from '../src/core/budget.ts';
import { CHROMIUM_ARGS, findChromium } from '../test/chromium.ts';
import type { PdfBenchRow } from './pdf.bench.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;
/** A proof-of-address step's share when four images are sent. */
const BUDGET = planBudget(4).bytes;

const server = await createServer({
  configFile: false,
  root: ROOT,
  logLevel: 'warn',
  clearScreen: false,
  cacheDir: 'node_modules/.vite-bench',
  worker: { format: 'es' },
  optimizeDeps: { entries: ['bench/pdf.html'], include: ['pdfjs-dist', 'pdfjs-dist/build/pdf.worker.mjs'] },
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
});
await server.listen();
const address = server.httpServer?.address();
if (!address || typeof address === 'string') throw new Error('Vite did not report a port.');
const origin = `http://127.0.0.1:${address.port}`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const context = await browser.newContext();
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  const page = await context.newPage();
  await page.goto(`${origin}/bench/pdf.html`);
  await page.waitForFunction(() => typeof window.runPdfBench === 'function', undefined, { timeout: 60_000 });
  const report = await page.evaluate((options) => window.runPdfBench!(options), { runs: RUNS, budget: BUDGET });
  const label: Record<PdfBenchRow['step'], string> = {
    'first open (cold)': 'first PDF opened: pdf.js and its worker loaded, first page previewed',
    preview: '**first-page preview** (open + draw at 320 CSS px)',
    page: '**page for sending** (200 dpi draw + JPEG within budget)',
    photo: 'photo pipeline on the same page (its scan as a JPEG file)',
    floor: 'floor: 1 decode + 1 encode of that scan',
  };
  console.log(`\nChromium ${await browser.version()}; median of ${RUNS} rounds after one warm-up, steps in turn within each round; budget ${BUDGET.toLocaleString('en-US')} bytes.\n`);
  for (const fixture of report.fixtures) console.log(`- ${fixture}`);
  console.log('\n| fixture | step | median ms | runs ms | output | bytes |');
  console.log('|---|---|---:|---|---|---:|');
  for (const row of report.rows) console.log(`| ${row.fixture} | ${label[row.step]} | ${row.ms} | ${row.runs.join(', ')} | ${row.width}×${row.height} | ${row.bytes.toLocaleString('en-US')} |`);
  const problems = report.rows.filter((row) => row.step === 'page' && row.bytes > BUDGET).map((row) => `${row.fixture}: page over budget`);
  if (foreign.length) problems.push(`requests left the origin: ${[...new Set(foreign)].join(', ')}`);
  if (problems.length) {
    console.error(`\nbench FAILED:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
