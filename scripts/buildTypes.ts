/**
 * Declarations for dist/lib: tsc emits one .d.ts per source file reachable from src/index.ts, then
 * every relative specifier gets the `.js` (or `/index.js`) that Node's ESM resolution demands, so
 * hosts type-check against the package under `moduleResolution` `bundler`, `node16` and `nodenext`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/lib');

execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });

/** `import './styles.css';`: the JS entry brings the stylesheet; a declaration file has no use for it. */
const CSS_IMPORT = /^import\s+['"][^'"]+\.css['"];\n/gm;
const SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

function withExtension(file: string, specifier: string): string {
  if (specifier.endsWith('.js')) return specifier;
  const target = resolve(dirname(file), specifier);
  if (existsSync(`${target}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier}/index.js`;
  throw new Error(`${file}: cannot resolve ${specifier} among the emitted declarations`);
}

function* declarations(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith('.d.ts')) yield path;
  }
}

let count = 0;
for (const file of declarations(OUT)) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(CSS_IMPORT, '').replace(SPECIFIER, (_match, keyword: string, quote: string, specifier: string) => `${keyword}${quote}${withExtension(file, specifier)}${quote}`);
  if (fixed !== text) writeFileSync(file, fixed);
  count += 1;
}
if (!existsSync(join(OUT, 'index.d.ts'))) throw new Error('dist/lib/index.d.ts was not emitted');
console.log(`buildTypes: ${count} declaration files in dist/lib`);
