/**
 * `npm run bench:size`: what each embedding costs to download, gzipped, measured on fresh
 * production builds in a temporary folder:
 * - the React entry (src/index.ts) as a host's bundler would ship it: minified, every dependency
 *   bundled in except React and react-dom, which the host already has;
 * - the script-tag bundle (vite.standalone.config.ts), React included;
 * - the lazy chunks each loads later: languages, the compression worker and what it loads itself.
 * "Initial" is the entry chunk plus every chunk it imports statically. Exits non-zero when an
 * initial load is over its budget.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, type Rolldown } from 'vite';
import { bundledFiles } from '../scripts/bundledFiles.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BUDGETS = { react: 45 * 1024, standalone: 120 * 1024 };

type Output = Rolldown.RolldownOutput['output'];
type Item = Output[number];

interface Sizes {
  initial: { files: string[]; raw: number; gzip: number };
  css: number | null;
  lazy: { file: string; kind: string; raw: number; gzip: number }[];
}

const gz = (item: Item) => gzipSync(contents(item), { level: 9 }).length;
const contents = (item: Item) => (item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
const raw = (item: Item) => Buffer.byteLength(contents(item));

function measure(output: Output, entryName: string): Sizes {
  const byName = new Map(output.map((item) => [item.fileName, item]));
  const entry = output.find((item): item is Rolldown.OutputChunk => item.type === 'chunk' && item.isEntry && item.name === entryName);
  if (!entry) throw new Error(`no entry chunk named ${entryName}`);
  const initial = new Set<string>();
  const visit = (name: string) => {
    const chunk = byName.get(name);
    if (!chunk || initial.has(name)) return;
    initial.add(name);
    if (chunk.type === 'chunk') chunk.imports.forEach(visit);
  };
  visit(entry.fileName);
  const initialItems = [...initial].map((name) => byName.get(name)!);
  const css = output.find((item) => item.type === 'asset' && item.fileName.endsWith('.css'));
  const lazy = output
    .filter((item) => !initial.has(item.fileName) && /\.js$/.test(item.fileName) && !(item.type === 'chunk' && item.isEntry && item.name !== entryName))
    .map((item) => ({ file: item.fileName, kind: kindOf(item.fileName), raw: raw(item), gzip: gz(item) }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.file.localeCompare(b.file));
  return {
    initial: { files: [...initial], raw: initialItems.reduce((sum, item) => sum + raw(item), 0), gzip: gzipSync(initialItems.map(contents).join('\n'), { level: 9 }).length },
    css: css ? gz(css) : null,
    lazy,
  };
}

function kindOf(file: string): string {
  if (/compress\.worker/.test(file)) return 'compression worker';
  if (/libheif/.test(file)) return 'HEIC decoder (worker)';
  if (/faceDetector/.test(file)) return 'face detector (analysis worker, selfie step only)';
  if (/pdf\.worker/.test(file)) return 'PDF parser worker (only when a PDF is chosen)';
  if (/pdfDocument/.test(file)) return 'PDF reader, pdf.js (only when a PDF is chosen)';
  if (/browser-image-compression/.test(file)) return 'library fallback (worker)';
  if (/\/pseudo-[\w-]+\.js$/.test(file)) return 'pseudo-locale (only when asked for)';
  if (/\/ImageSources-[\w-]+\.js$/.test(file)) return 'camera (only when a step offers it)';
  if (/\/draftStore-[\w-]+\.js$/.test(file)) return 'draft store (only with `resume`)';
  if (/\/(ImageStepScreen|useImageIntake)-[\w-]+\.js$/.test(file)) return 'image step (fetched when the flow starts)';
  if (/\/[a-z]{2}-[\w-]+\.js$/.test(file)) return 'language';
  return 'other';
}

async function buildReactEntry(outDir: string): Promise<Output> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    plugins: [react(), bundledFiles()],
    worker: { format: 'es', plugins: () => [bundledFiles()] },
    // Library mode leaves process.env.NODE_ENV to the host's bundler, which sets it for production.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
      rolldownOptions: { external: (id) => /^react(-dom)?($|\/)/.test(id), output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  });
  return outputOf(result);
}

function outputOf(result: Awaited<ReturnType<typeof build>>): Output {
  const first = Array.isArray(result) ? result[0] : result;
  if (!first || !('output' in first)) throw new Error('the build returned no output');
  return first.output;
}

async function buildStandalone(outDir: string): Promise<Output> {
  return outputOf(await build({ configFile: join(ROOT, 'vite.standalone.config.ts'), root: ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } }));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function report(title: string, sizes: Sizes, budget: number): boolean {
  const within = sizes.initial.gzip <= budget;
  console.log(`\n### ${title}\n`);
  console.log('| part | files | minified | gzipped | budget |');
  console.log('|---|---|---:|---:|---|');
  console.log(`| initial JS | ${sizes.initial.files.join(', ')} | ${kb(sizes.initial.raw)} | **${kb(sizes.initial.gzip)}** | ≤ ${kb(budget)} ${within ? '✓' : '✗ over'} |`);
  if (sizes.css !== null) console.log(`| stylesheet | | | ${kb(sizes.css)} | |`);
  const languages = sizes.lazy.filter((item) => item.kind === 'language');
  if (languages.length > 0) {
    const gzips = languages.map((item) => item.gzip);
    console.log(`| lazy: one language (of ${languages.length}) | | | ${kb(Math.min(...gzips))}–${kb(Math.max(...gzips))} | |`);
  }
  for (const item of sizes.lazy.filter((entry) => entry.kind !== 'language')) {
    console.log(`| lazy: ${item.kind} | ${item.file} | ${kb(item.raw)} | ${kb(item.gzip)} | |`);
  }
  return within;
}

const out = await mkdtemp(join(tmpdir(), 'markid-size-'));
try {
  const reactSizes = measure(await buildReactEntry(join(out, 'react')), 'index');
  const standaloneSizes = measure(await buildStandalone(join(out, 'standalone')), 'standalone');
  console.log('Sizes are gzip -9 of fresh minified production builds.');
  const okReact = report('React entry (`import { Onboarding } from "markid-onboarding"`, React and react-dom excluded)', reactSizes, BUDGETS.react);
  const okStandalone = report('Script tag (`markid-onboarding.js`, React included)', standaloneSizes, BUDGETS.standalone);
  const eager = [...reactSizes.initial.files, ...standaloneSizes.initial.files].filter((file) => kindOf(file) !== 'other');
  if (eager.length > 0) console.log(`\nLazy parts found in an initial load: ${eager.join(', ')}`);
  if (!okReact || !okStandalone || eager.length > 0) process.exitCode = 1;
} finally {
  await rm(out, { recursive: true, force: true });
}
