import react from '@vitejs/plugin-react';
import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { bundledFiles } from './scripts/bundledFiles.ts';

/**
 * `npm run build`, library part: the React component as ES modules for the host's bundler, in
 * dist/lib (declarations come from `tsc -p tsconfig.build.json`).
 *
 * - Dependencies and peers stay imports, so the host's bundler dedupes them with its own React.
 * - The stylesheet is a file the entry imports, so it arrives with the component in any bundler
 *   and `sideEffects` needs to name only CSS.
 * - Each worker is an entry of its own, referenced as `new Worker(new URL('./x.worker.js',
 *   import.meta.url))`: the pattern Vite, webpack 5, Rspack and Parcel follow to bundle a package's
 *   worker into the host app, served from the host's origin like the rest.
 */
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
const CSS_FILE = 'markid-onboarding.css';

export default defineConfig({
  plugins: [react(), workersAsEntries(), bundledFiles()],
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Hosts minify; readable output makes their stack traces and audits readable too.
    minify: false,
    lib: {
      entry: { index: 'src/index.ts', 'compress.worker': 'src/compress/compress.worker.ts', 'pdf.worker': 'src/pdf/pdf.worker.ts', 'frameAnalysis.worker': 'src/capture/frameAnalysis.worker.ts' },
      formats: ['es'],
      cssFileName: CSS_FILE.replace(/\.css$/, ''),
    },
    rolldownOptions: {
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // 'use client': the component has state, so React Server Components hosts (Next.js) must
        // render it on the client. Library mode drops CSS imports from the JS; the entry imports the
        // extracted stylesheet again.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'index' ? `'use client';\nimport './${CSS_FILE}';` : ''),
      },
    },
  },
});

const WORKER_URL = /new\s+URL\(\s*(['"])\.\/([\w.-]+)\.worker\.ts\1\s*,\s*import\.meta\.url\s*\)/g;
const placeholder = (name: string) => `__MARKID_WORKER_${name.replace(/\W/g, '_')}__`;

/**
 * Keeps `new URL('./x.worker.ts', import.meta.url)` out of Vite's own worker bundling (which would
 * emit a root-relative path and bundle the worker's dependencies) and writes it back, pointing at
 * the worker's entry file, once the chunks are rendered.
 */
function workersAsEntries(): Plugin {
  const names = new Set<string>();
  return {
    name: 'markid-workers-as-entries',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/src/')) return null;
      const out = new MagicString(code);
      for (const match of code.matchAll(WORKER_URL)) {
        const name = match[2]!;
        names.add(name);
        out.overwrite(match.index, match.index + match[0].length, `new URL(${placeholder(name)}, import.meta.url)`);
      }
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
    renderChunk(code, chunk) {
      const out = new MagicString(code);
      const depth = chunk.fileName.split('/').length - 1;
      for (const name of names) {
        const path = `${depth === 0 ? './' : '../'.repeat(depth)}${name}.worker.js`;
        out.replaceAll(placeholder(name), JSON.stringify(path));
      }
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}
