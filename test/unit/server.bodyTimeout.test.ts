// @vitest-environment node
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toNodeMiddleware, type NodeAdapterOptions } from '../../server/nodeAdapter.ts';
import { idCardImages, setup, useNodeServers } from './serverFixtures.ts';

const serve = useNodeServers();

async function listen(options: NodeAdapterOptions) {
  const kit = setup();
  const base = await serve(toNodeMiddleware(kit.backend, options));
  return { kit, port: Number(new URL(base).port) };
}

/**
 * A raw client that declares a large body and then sends `first` and a byte every `everyMs`, as
 * a slowloris would. Resolves with what the server answered and how long until it hung up.
 */
function trickle(port: number, everyMs: number | null, first = '{"authToken":"') {
  return new Promise<{ answer: string; closedAfterMs: number; bytesSent: number }>((resolve, reject) => {
    const started = Date.now();
    let answer = '';
    let bytesSent = 0;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 15000000\r\n\r\n${first}`);
      bytesSent += first.length;
    });
    const timer = everyMs === null ? null : setInterval(() => {
      if (socket.writable) {
        socket.write('A');
        bytesSent++;
      }
    }, everyMs);
    socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (timer) clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started, bytesSent });
    });
    setTimeout(() => reject(new Error('the server never hung up on a trickling client')), 20_000).unref();
  });
}

describe('request bodies that arrive too slowly', () => {
  it('cuts a client trickling a byte at a time with 408 and closes the socket', async () => {
    const { kit, port } = await listen({ bodyGraceMs: 600, bodyMinBytesPerSecond: 1024, bodyIdleTimeoutMs: 5_000 });
    const { answer, closedAfterMs } = await trickle(port, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"identifier":"REQUEST_TIMEOUT"');
    expect(closedAfterMs).toBeLessThan(5_000);
    expect(kit.calls).toHaveLength(0);
  });

  it('cuts a client that stops sending', async () => {
    const { port } = await listen({ bodyIdleTimeoutMs: 500, bodyGraceMs: 60_000 });
    const { answer, closedAfterMs } = await trickle(port, null);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(450);
    expect(closedAfterMs).toBeLessThan(5_000);
  });

  it('leaves a slow but steady upload alone', async () => {
    const { kit, port } = await listen({ bodyGraceMs: 200, bodyMinBytesPerSecond: 1024, bodyIdleTimeoutMs: 1_000 });
    const { body: s } = await kit.session();
    const body = Buffer.from(JSON.stringify({ authToken: s.authToken, country: 'LT', documentType: 'ID_CARD', images: idCardImages(), additionalImages: {} }) + ' '.repeat(6_000));
    // About 8 KiB/s in 1 KiB pieces: slow, but well above the floor.
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', async () => {
        socket.write(`POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
        for (let at = 0; at < body.length; at += 1024) {
          socket.write(body.subarray(at, at + 1024));
          await new Promise((done) => setTimeout(done, 120));
        }
      });
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain(s.scanRef);
  });
});
