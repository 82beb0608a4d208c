import { createServer } from 'node:http';
import { describeConfig, loadConfig } from './config.ts';
import { createMerchantBackend } from './handlers.ts';
import { toNodeMiddleware } from './nodeAdapter.ts';

/**
 * The backend alone on `node:http` (`npx tsx server/main.ts`), for merchants who serve the widget
 * from their own pages and only need `/api/`. `npm start` mounts the same handler inside Vite.
 */
const config = loadConfig(process.env);
const backend = createMerchantBackend(config, { log: (line) => console.log(line) });
const server = createServer(toNodeMiddleware(backend));
server.listen(config.port ?? 8787, () => {
  const address = server.address();
  console.log(`${describeConfig(config)}; listening on port ${typeof address === 'object' && address ? address.port : config.port}`);
});
