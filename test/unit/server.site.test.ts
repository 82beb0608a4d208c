// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { contentSecurityPolicy } from '../../server/securityHeaders.ts';
import { createSite, listen, type RunningSite } from '../../server/site.ts';
import { createStaticFiles } from '../../server/staticFiles.ts';

let root: string;
let site: RunningSite;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'markid-site-'));
  await mkdir(join(root, 'public/assets'), { recursive: true });
  await writeFile(join(root, 'public/index.html'), '<!doctype html><title>page</title>');
  await writeFile(join(root, 'public/assets/index-B02b4Jyz.js'), 'export {};');
  await writeFile(join(root, 'secret.txt'), 'not for the web');
  site = await listen(createSite(loadConfig({}), { mounts: [{ urlPrefix: '/', dir: join(root, 'public') }], frameAncestors: 'https://shop.example' }), 0);
});
afterAll(async () => {
  await site?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the production site', () => {
  it('serves the page with no-cache and hashed assets for a year, with their types', async () => {
    const page = await fetch(`${site.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${site.origin}/assets/index-B02b4Jyz.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('export {};');
  });

  it('never serves a file outside its folder, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/index.html%00.js', '/%E0%A4%A']) {
      const response = await fetch(`${site.origin}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for the web');
    }
  });

  it('puts the security headers on files, API answers and errors alike', async () => {
    const answers = await Promise.all([fetch(`${site.origin}/`), fetch(`${site.origin}/nothing-here`), fetch(`${site.origin}/api/session`, { method: 'POST' })]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 404, 200]);
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toBe(contentSecurityPolicy({ frameAncestors: 'https://shop.example' }));
      expect(answer.headers.get('permissions-policy')).toContain('camera=(self)');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('allows nothing inline or evaluated, and only the page origin for scripts, workers and connections', () => {
    const policy = Object.fromEntries(contentSecurityPolicy().split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    // 'wasm-unsafe-eval' compiles the HEIC decoder's WebAssembly; it permits no JavaScript eval.
    expect(contentSecurityPolicy()).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
    expect(policy).toMatchObject({ 'default-src': "'none'", 'script-src': "'self' 'wasm-unsafe-eval'", 'style-src': "'self'", 'worker-src': "'self'", 'connect-src': "'self'", 'frame-ancestors': "'self'" });
  });

  it('answers only GET and HEAD for files, and sends folders to their trailing slash', async () => {
    const handler = createStaticFiles([{ urlPrefix: '/', dir: join(root, 'public') }]);
    expect((await handler(new Request('http://site/', { method: 'POST' }))).status).toBe(405);
    const head = await handler(new Request('http://site/assets/index-B02b4Jyz.js', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
    expect(head.body).toBeNull();
    const folder = await handler(new Request('http://site/assets'));
    expect(folder.status).toBe(308);
    expect(folder.headers.get('location')).toBe('/assets/');
  });
});
