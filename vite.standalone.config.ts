import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundledFiles } from './scripts/bundledFiles.ts';

/**
 * `npm run build`, script-tag part: dist/standalone/markid-onboarding.js with React inside, for
 * pages without a bundler (`<script type="module" src=".../markid-onboarding.js">`). Every URL it
 * builds is relative to the script itself (`base: './'`, resolved against `import.meta.url`), so
 * the worker and the language chunks come from wherever the merchant put this folder.
 */
export default defineConfig({
  plugins: [react(), bundledFiles()],
  base: './',
  worker: { format: 'es', plugins: () => [bundledFiles()] },
  build: {
    outDir: 'dist/standalone',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The preload helper would add <link> elements to the host page's <head>; the chunks load fine without.
    modulePreload: false,
    rolldownOptions: {
      input: 'src/embed/standalone.ts',
      // An application build drops the entry's exports by default; this one is imported by pages.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: 'markid-onboarding.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
