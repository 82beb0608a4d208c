// @vitest-environment node
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { submitBodyCap } from '../../server/handlers.ts';
import { toNodeMiddleware } from '../../server/nodeAdapter.ts';
import type { NodeMiddleware } from '../../server/nodeAdapter.ts';
import { merchantBackend } from '../../server/vitePlugin.ts';
import { idCardImages, setup, useNodeServers } from './serverFixtures.ts';

const serve = useNodeServers();

function listen(middleware: NodeMiddleware, fallback = false): Promise<string> {
  return serve((req, res) =>
    middleware(req, res, fallback ? () => res.writeHead(200, { 'content-type': 'text/plain' }).end('fell through') : undefined),
  );
}

interface Upload {
  response: IncomingMessage;
  body: string;
  /** Bytes written when the answer was complete. */
  sent: number;
  /** Resolves when the connection ends, however it ends. */
  closed: Promise<void>;
  stop: () => void;
}

/** Uploads up to 200 MB and keeps at it; resolves with the answer the server gives meanwhile. */
function upload(base: string, headers: Record<string, string | number>): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = httpRequest(`${base}/api/submit`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const closed = new Promise<void>((done) => req.once('close', () => done()));
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const pump = () => {
      while (sent < 200 * 1024 * 1024 && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (text: string) => (body += text));
      response.on('end', () => resolve({ response, body, sent, closed, stop: () => req.destroy() }));
    });
    req.on('error', (error) => reject(error)); // ignored once resolved
    req.write('{"authToken":"');
    pump();
  });
}

describe('toNodeMiddleware on node:http', () => {
  it('round-trips a session and a submission through a real server', async () => {
    const kit = setup();
    const base = await listen(toNodeMiddleware(kit.backend));
    const session = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"pl"}' });
    expect(session.status).toBe(200);
    expect(session.headers.get('content-type')).toMatch(/^application\/json/);
    const { authToken, scanRef, locale } = await session.json();
    expect(locale).toBe('pl');
    const submitted = await fetch(`${base}/api/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authToken, country: 'PL', documentType: 'ID_CARD', images: idCardImages(), additionalImages: {} }),
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toEqual({ scanRef });
    const last = await fetch(`${base}/api/sandbox/last-submission`);
    expect((await last.json()).country).toBe('PL');
    // Keep-alive still works after a fully read body.
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
  });

  it('hands other paths to next when mounted with a prefix', async () => {
    const base = await listen(toNodeMiddleware(setup().backend, { prefix: '/api/' }), true);
    expect(await (await fetch(`${base}/index.html`)).text()).toBe('fell through');
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
  });

  it('answers 413 to an upload declaring too much, and closes instead of swallowing it', async () => {
    const kit = setup();
    const base = await listen(toNodeMiddleware(kit.backend));
    const { response, body, sent, stop } = await upload(base, { 'content-length': submitBodyCap(kit.config) + 1 });
    stop();
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ identifier: 'REQUEST_TOO_LARGE' });
    expect(sent).toBeLessThan(submitBodyCap(kit.config));
  });

  it('answers 413 to a chunked upload as soon as it passes the cap', async () => {
    const kit = setup();
    const base = await listen(toNodeMiddleware(kit.backend));
    const { response, sent, stop } = await upload(base, { 'transfer-encoding': 'chunked' });
    stop();
    expect(response.statusCode).toBe(413);
    expect(sent).toBeLessThan(submitBodyCap(kit.config) + 16 * 1024 * 1024);
    expect(kit.calls).toHaveLength(0);
  });

  it('cuts a client that keeps sending an unread body past the grace time', async () => {
    const kit = setup();
    const base = await listen(toNodeMiddleware(kit.backend, { drainTimeoutMs: 200 }));
    const { response, closed, sent } = await upload(base, { 'transfer-encoding': 'chunked' });
    expect(response.statusCode).toBe(413);
    const started = Date.now();
    await closed;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sent).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('merchantBackend Vite plugin', () => {
  function fakeServer() {
    const lines: string[] = [];
    const used: unknown[] = [];
    const server = {
      config: { mode: 'development', envDir: false, logger: { info: (line: string) => lines.push(line) } },
      middlewares: { use: (fn: unknown) => used.push(fn) },
    };
    return { server, lines, used };
  }

  it('mounts on dev and preview servers and says which vendor it talks to, never the secret', async () => {
    const plugin = merchantBackend({ env: { MARKID_API_KEY: 'k', MARKID_API_SECRET: 'top-secret' } });
    for (const hook of [plugin.configureServer, plugin.configurePreviewServer]) {
      const { server, lines, used } = fakeServer();
      (hook as (server: unknown) => void)(server);
      expect(used).toHaveLength(1);
      expect(lines).toEqual(['Mark ID: vendor at https://ivs.markid.eu']);
    }
    const sandbox = fakeServer();
    (merchantBackend({ env: {} }).configureServer as (server: unknown) => void)(sandbox.server);
    expect(sandbox.lines[0]).toMatch(/sandbox/);
  });

  it('serves /api/ before Vite’s own middlewares on a real dev server', async () => {
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      configFile: false,
      logLevel: 'silent',
      appType: 'spa',
      root: import.meta.dirname,
      plugins: [merchantBackend({ env: {}, logRequests: false })],
      server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      await vite.listen();
      const address = vite.httpServer?.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${address.port}/api/session`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty('authToken');
    } finally {
      await vite.close();
    }
  });
});
