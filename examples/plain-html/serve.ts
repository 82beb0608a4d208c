/**
 * `npm run example:html`: this folder as a merchant's site, with the script-tag bundle at /markid/
 * (from `npm run build`) and the reference backend at /api/, under the hosted page's strict
 * security headers. Open http://127.0.0.1:4174/.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeConfig, loadConfig } from '../../server/config.ts';
import { createSite, listen } from '../../server/site.ts';

const here = fileURLToPath(new URL('./', import.meta.url));
const standalone = fileURLToPath(new URL('../../dist/standalone/', import.meta.url));
if (!existsSync(`${standalone}markid-onboarding.js`)) {
  console.error('dist/standalone/markid-onboarding.js is missing: run `npm run build` first.');
  process.exit(1);
}
const config = loadConfig(process.env);
const site = createSite(config, {
  mounts: [
    { urlPrefix: '/markid/', dir: standalone },
    { urlPrefix: '/', dir: here },
  ],
  deps: { log: (line) => console.log(line) },
});
const running = await listen(site, config.port ?? 4174, process.env.HOST ?? '127.0.0.1');
console.log(`${describeConfig(config)}\nMerchant page: ${running.origin}/`);
