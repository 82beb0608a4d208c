/**
 * `markid-onboarding/server` in dist/server: the code bundled by vite.server.config.ts, and its
 * declarations emitted by tsc (tsconfig.server.json) under dist/server/types. Every relative import
 * names its file (`./store.ts`), which the declarations keep and every module resolution maps to
 * the `.d.ts` beside it, so nothing is rewritten afterwards (test/package checks the tarball).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/server');
const bin = (path: string) => join(ROOT, 'node_modules', path);

rmSync(OUT, { recursive: true, force: true });
execFileSync(process.execPath, [bin('vite/bin/vite.js'), 'build', '-c', join(ROOT, 'vite.server.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: ROOT });
execFileSync(process.execPath, [bin('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.server.json')], { stdio: 'inherit', cwd: ROOT });
// The entry's declarations sit under types/server/ (rootDir spans server/ and the shared src/core/).
writeFileSync(join(OUT, 'index.d.ts'), "export * from './types/server/index.ts';\n");
if (!existsSync(join(OUT, 'index.js'))) throw new Error('dist/server/index.js was not built');
console.log('buildServer: dist/server/index.js and its declarations');
