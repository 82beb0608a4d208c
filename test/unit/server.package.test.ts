// @vitest-environment node
// `markid-onboarding/server` as a merchant gets it: the built ESM in dist/server, imported by plain
// Node as a fetch handler and by the Express example through the package's own "exports".
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submission } from './serverFixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
type ServerModule = typeof import('../../server/index.ts');

let built: ServerModule;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/buildServer.ts')], { cwd: ROOT, stdio: 'pipe' });
  built = (await import(/* @vite-ignore */ `${join(ROOT, 'dist/server/index.js')}?t=${Date.now()}`)) as ServerModule;
}, 120_000);

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the built package entry', () => {
  it('declares its types and exports the backend, both stores and the adapters', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./server']).toEqual({ types: './dist/server/index.d.ts', default: './dist/server/index.js' });
    expect(pkg.files).toContain('dist/server');
    for (const name of ['createMerchantBackend', 'createMemoryStore', 'createRedisStore', 'toNodeMiddleware', 'expressMiddleware', 'loadConfig']) {
      expect(typeof (built as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(readFileSync(join(ROOT, 'dist/server/types/server/index.d.ts'), 'utf8')).toContain("from './backend.js'");
    // Node's ESM resolution (`moduleResolution: node16/nodenext`) needs every relative specifier to end in .js.
    const types = join(ROOT, 'dist/server/types');
    const unresolvable = readdirSync(types, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.d.ts'))
      .flatMap((name) => [...readFileSync(join(types, name), 'utf8').matchAll(/from '(\.{1,2}\/[^']*)'/g)].map((m) => `${name}: ${m[1]}`))
      .filter((line) => !line.endsWith('.js'));
    expect(unresolvable).toEqual([]);
  });

  it('runs as a fetch handler (Next.js route handlers, Hono, Bun and Deno call it the same way)', async () => {
    const backend = built.createMerchantBackend(built.loadConfig({}));
    const session = await backend(new Request('https://shop.test/api/session', { method: 'POST' }));
    expect(session.status).toBe(200);
    const { authToken, scanRef } = await session.json();
    const submitted = await backend(
      new Request('https://shop.test/api/submit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission(authToken)) }),
    );
    expect(await submitted.json()).toEqual({ scanRef });
    expect((await backend(new Request('https://shop.test/api/health'))).status).toBe(200);
  });
});

describe('examples/express', () => {
  let child: ChildProcess;
  let origin = '';
  beforeAll(async () => {
    child = spawn(process.execPath, [join(ROOT, 'examples/express/server.js')], { cwd: ROOT, env: { ...process.env, PORT: '0', MARKID_API_KEY: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.once('exit', (code) => reject(new Error(`the example exited with ${code}: ${output}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const port = /"msg":"listening","port":(\d+)/.exec(output)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
    });
  }, 30_000);
  afterAll(() => {
    child?.kill();
  });

  it("mints sessions for the shop's logged-in users only, and forwards their submission", async () => {
    expect((await post(`${origin}/api/session`, {})).status).toBe(401);
    const login = await fetch(`${origin}/login?user=ona`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const session = await post(`${origin}/api/session`, { locale: 'lt' }, { cookie });
    expect(session.status).toBe(200);
    const { authToken, scanRef, locale } = await session.json();
    expect(locale).toBe('lt');
    const submitted = await post(`${origin}/api/submit`, submission(authToken), { cookie });
    expect(await submitted.json()).toEqual({ scanRef });
    const last = await (await fetch(`${origin}/api/sandbox/last-submission`)).json();
    expect(last.scanRef).toBe(scanRef);
    // The shop's own routes still answer, after the backend passed them on.
    expect(await (await fetch(`${origin}/`)).text()).toContain('The shop');
  });
});

describe('the browser entry', () => {
  it('never imports server code', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name)) files.push(path);
      }
    };
    walk(join(ROOT, 'src'));
    const offenders = files.filter((file) => /from\s+['"][^'"]*(\/server\/|markid-onboarding\/server)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
  });
});
