/**
 * `npm run serve`: the production hosted page (dist/hosted, from `npm run build`) with the
 * reference backend, under the strict security headers of ./securityHeaders.ts. Same environment
 * as `npm start`, plus MARKID_FRAME_ANCESTORS for the origins allowed to frame the page.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeConfig, loadConfig } from './config.ts';
import { createSite, listen } from './site.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const hosted = `${root}dist/hosted`;
if (!existsSync(`${hosted}/index.html`)) {
  console.error('dist/hosted/index.html is missing: run `npm run build` first.');
  process.exit(1);
}
const config = loadConfig(process.env);
const frameAncestors = process.env.MARKID_FRAME_ANCESTORS?.trim() || "'self'";
const site = createSite(config, {
  mounts: [{ urlPrefix: '/', dir: hosted }],
  frameAncestors,
  deps: { log: (line) => console.log(line) },
});
const running = await listen(site, config.port ?? 4173, process.env.HOST ?? '127.0.0.1');
console.log(`${describeConfig(config)}\nHosted page: ${running.origin}/ (frame-ancestors ${frameAncestors})`);
