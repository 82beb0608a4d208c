import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { merchantBackend } from './server/vitePlugin.ts';
import { bundledFiles } from './scripts/bundledFiles.ts';

// `npm start`: the hosted page with the reference merchant backend mounted under /api.
export default defineConfig({
  plugins: [react(), merchantBackend(), bundledFiles()],
  server: { port: Number(process.env.PORT) || 5173, strictPort: true },
  preview: { port: Number(process.env.PORT) || 5173, strictPort: true },
  worker: { format: 'es', plugins: () => [bundledFiles()] },
  // Only the pages this server serves: left to itself Vite also scans examples/react-app, whose
  // `markid-onboarding` import resolves only once the package is installed there, and a failed scan
  // skips pre-bundling, so a fresh clone's first page load re-optimizes and reloads mid-test.
  // The face detector is imported only inside the analysis worker, where the scan cannot see it:
  // found at run time, it would re-optimize and reload the page mid-selfie.
  optimizeDeps: { entries: ['index.html', 'test/e2e/widget.html'], include: ['@vladmandic/human'] },
  // `npm run build` also makes dist/lib and dist/standalone (vite.lib.config.ts, vite.standalone.config.ts).
  build: { outDir: 'dist/hosted', target: 'es2022', sourcemap: true },
});
