import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on right now, for a program that must be told its port (Redis,
 * WebKitWebDriver, `npm run example:react`) rather than pick one itself.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
