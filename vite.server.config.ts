import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * `npm run build`, server part: `markid-onboarding/server` as one ES module for Node 20+ in
 * dist/server (declarations by scripts/buildServer.ts). The shared pure code from src/core is
 * bundled in; Node's built-ins and the optional `redis` client stay imports, so the backend runs
 * without Redis installed until a Redis store is asked for.
 */
const external = ['redis', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default defineConfig({
  // A library for servers: no public directory, no HTML, nothing of the browser build.
  publicDir: false,
  build: {
    outDir: 'dist/server',
    emptyOutDir: false,
    target: 'node20',
    ssr: true,
    sourcemap: true,
    minify: false,
    lib: { entry: { index: 'server/index.ts' }, formats: ['es'] },
    rolldownOptions: {
      external: (id) => external.includes(id) || id.startsWith('redis/') || id.startsWith('@redis/'),
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
