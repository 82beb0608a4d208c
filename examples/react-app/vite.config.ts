import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { merchantBackend } from '../../server/vitePlugin.ts';

/**
 * `npm run example:react`: a merchant's React app on Vite, with the reference backend answering
 * /api/ (as a merchant's own API would) and `markid-onboarding` resolved to the built package in
 * dist/lib exactly as `npm install markid-onboarding` would give it (run `npm run build` first).
 */
const repository = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), merchantBackend()],
  resolve: { alias: { 'markid-onboarding': repository } },
  // Keeps the HEIC decoder and the fallback compressor in chunks of their own inside the worker.
  worker: { format: 'es' },
  // The dev server finds the worker's own dependencies only once a photo is chosen, and then
  // reloads the page; crawling the worker up front avoids that (dev only).
  optimizeDeps: { entries: ['index.html', `${repository}dist/lib/compress.worker.js`] },
  server: { port: Number(process.env.PORT) || 5174, strictPort: true },
});
