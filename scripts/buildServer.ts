/**
 * `markid-onboarding/server` in dist/server: the code bundled by vite.server.config.ts, and its
 * declarations emitted by tsc (tsconfig.server.json) under dist/server/types, with every relative
 * `.ts` specifier turned into the `.js` Node's ESM resolution expects. Self-contained, so the
 * browser build (scripts/buildTypes.ts) and this one never share a step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/server');
const bin = (path: string) => join(ROOT, 'node_modules', path);

rmSync(OUT, { recursive: true, force: true });
execFileSync(process.execPath, [bin('vite/bin/vite.js'), 'build', '-c', join(ROOT, 'vite.server.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: ROOT });
execFileSync(process.execPath, [bin('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.server.json')], { stdio: 'inherit', cwd: ROOT });

/** Relative specifiers, with `.ts` (server/) or without an extension (src/core). */
const SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*?)(\.ts)?\2/g;
const declarations = readdirSync(join(OUT, 'types'), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.d.ts'))
  .map((name) => join(OUT, 'types', name));
let count = 0;
for (const file of declarations) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(SPECIFIER, (match, keyword: string, quote: string, path: string) => {
    if (path.endsWith('.js')) return match;
    const target = resolve(dirname(file), path);
    if (existsSync(`${target}.d.ts`)) return `${keyword}${quote}${path}.js${quote}`;
    if (existsSync(join(target, 'index.d.ts'))) return `${keyword}${quote}${path}/index.js${quote}`;
    throw new Error(`${file}: ${path} has no emitted declaration`);
  });
  if (fixed !== text) writeFileSync(file, fixed);
  count += 1;
}
writeFileSync(join(OUT, 'index.d.ts'), "export * from './types/server/index.js';\n");
if (!existsSync(join(OUT, 'index.js'))) throw new Error('dist/server/index.js was not built');
console.log(`buildServer: dist/server/index.js and ${count} declaration files`);
