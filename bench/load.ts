/**
 * `npm run bench:load`: the reference backend under load and faults, on localhost only, bounded in
 * time (it exits by itself, non-zero on any wrong answer). The backend runs alone in a child
 * process (bench/loadServer.ts) so its memory is measured apart from this load generator, which
 * also plays the vendor: the embedded sandbox behind a real HTTP server that can hang or answer
 * garbage on demand.
 *
 * Phases: 50 sessions submitting ~15 MB at once (plus 10 duplicate submits racing them);
 * slowloris clients trickling a byte at a time while honest clients carry on; a vendor that hangs
 * after accepting; a vendor that accepts and answers an HTML page; then two backend processes on
 * one Redis (started on a free loopback port) sharing the same 50-session load. Prints requests,
 * failures, latencies and each backend's peak resident memory per phase.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createSandboxVendor } from '../server/sandbox.ts';
import { startRedis } from '../test/redisServer.ts';
import type { FromServer, LoadServerOptions } from './loadServer.ts';

const SESSIONS = 50;
const DUPLICATES = 10;
/** Binary bytes per image: three of them come to a ~14.8 MB submit body in base64. */
const IMAGE_BYTES = 3_700_000;
const SLOW_CLIENTS = 20;
const FAULT_SESSIONS = 10;
const DEADLINE_MS = 420_000;
const INSTANCES_ONLY = process.argv.includes('--instances-only');
/** The vendor here is one Node thread decoding every image, so it gets half the default 30 s. */
const SERVER_OPTIONS: LoadServerOptions = { vendorUrl: '', vendorTimeoutMs: 15_000, bodyIdleTimeoutMs: 5_000, bodyGraceMs: 3_000 };

type VendorMode = 'normal' | 'hang' | 'garbage';

interface Reply {
  status: number;
  body: string;
  ms: number;
  /** Seconds, from a 503's Retry-After. */
  retryAfter?: number;
  /** How many 503 "try again shortly" answers came before this one (see `submitLikeTheWidget`). */
  retries?: number;
}

interface PhaseRow {
  phase: string;
  requests: number;
  ok: number;
  expectedFailures: number;
  wrong: string[];
  latencies: number[];
  peakRssBytes: number;
  /** Several backend processes: each one's peak. */
  peakRssPerInstance?: number[];
  /** 503 "come back" answers that were followed, as the widget would. */
  busyRetries?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 200 });
const MB = 1024 * 1024;

/** A structurally valid JPEG of `bytes` bytes (SOI, JFIF, a 4032×3024 frame, noise, EOI): enough for the sandbox. */
function syntheticJpeg(bytes: number, seed: number): Buffer {
  const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
  const head = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xc0, [8, 0x0b, 0xd0, 0x0f, 0xc0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    ...segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]),
  ];
  const out = Buffer.alloc(bytes);
  out.set(head, 0);
  let x = seed;
  // Never 0xFF inside the entropy data, so no marker appears before EOI.
  for (let i = head.length; i < bytes - 2; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) % 255;
  }
  out[bytes - 2] = 0xff;
  out[bytes - 1] = 0xd9;
  return out;
}

/** The vendor: the sandbox over HTTP, with a switch for its misbehaviour on /process. */
async function startVendor() {
  const sandbox = createSandboxVendor();
  let mode: VendorMode = 'normal';
  const hanging = new Set<ServerResponse>();
  const calls = new Map<string, number>();
  let accepted = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The backend gives up on a vendor that hangs: its request ends mid-way, which is fine here.
    serve(req, res).catch(() => res.destroy());
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    calls.set(path, (calls.get(path) ?? 0) + 1);
    const answer = await sandbox.handle(
      new Request(`http://vendor${path}`, { method: req.method ?? 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
    );
    if (path === '/api/v2/process' && answer.status === 200) accepted++;
    if (path === '/api/v2/process' && mode === 'hang') {
      // Accepted, and the answer never comes.
      hanging.add(res);
      return;
    }
    if (path === '/api/v2/process' && mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service temporarily rerouted</body></html>');
      return;
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  }
  // A backend that gives up on a hanging vendor resets the connection under a pending write.
  server.on('connection', (socket) => socket.on('error', () => undefined));
  // Longer than any pause: otherwise the backend may reuse a keep-alive connection at the moment
  // this server closes it for idleness, and hear EPIPE instead of the vendor.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode(next: VendorMode) {
      mode = next;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    calls: (path: string) => calls.get(path) ?? 0,
    /** /process calls the sandbox accepted, whatever the backend then heard. */
    accepted: () => accepted,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Backend = { child: ChildProcess; base: string; report(phase?: boolean): Promise<Extract<FromServer, { type: 'report' }>> };

/** The backend in its own process; resolves once it listens. */
async function startBackend(vendorUrl: string, storeUrl?: string): Promise<Backend> {
  const options: LoadServerOptions = { ...SERVER_OPTIONS, vendorUrl, ...(storeUrl ? { storeUrl } : {}) };
  const child = fork(fileURLToPath(new URL('./loadServer.ts', import.meta.url)), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: FromServer) => {
      if (message.type === 'listening') resolve(message.port);
    });
  });
  const report = (resetPeak = false) =>
    new Promise<Extract<FromServer, { type: 'report' }>>((resolve) => {
      const onMessage = (message: FromServer) => {
        if (message.type !== 'report') return;
        child.off('message', onMessage);
        if (resetPeak) child.send({ type: 'phase' });
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type: 'report' });
    });
  return { child, base: `http://127.0.0.1:${port}`, report };
}

const guarded = new WeakSet<Socket>();
/**
 * A 503 that comes before the 14 MB body is all written ends the request while we still write;
 * the backend then cuts the socket, and the write error lands on a socket no request listens to.
 */
function guardSocket(socket: Socket): void {
  if (guarded.has(socket)) return;
  guarded.add(socket);
  socket.on('error', () => undefined);
}

/** POSTs `parts` written one after another (shared buffers are never copied per request). */
function post(base: string, path: string, parts: (Buffer | string)[]): Promise<Reply> {
  const started = performance.now();
  const length = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0);
  return new Promise((resolve) => {
    const req = httpRequest(`${base}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': length } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (text: string) => (body += text));
      const retryAfter = Number(res.headers['retry-after']);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started, ...(retryAfter > 0 ? { retryAfter } : {}) }));
    });
    req.on('error', (error) => resolve({ status: 0, body: String(error), ms: performance.now() - started }));
    req.on('socket', guardSocket);
    for (const part of parts) req.write(part);
    req.end();
  });
}

const MAX_BUSY_RETRIES = 4;

/**
 * A submit as the widget sends it: a 503 with Retry-After (all slots taken for 30 s, or the same
 * token still being forwarded elsewhere) is not an answer but "come back", so come back after the
 * delay it names (at most 5 s here), a few times. Only what finally comes back is judged.
 */
async function submitLikeTheWidget(base: string, parts: (Buffer | string)[]): Promise<Reply> {
  const started = performance.now();
  for (let retries = 0; ; retries++) {
    const reply = await post(base, '/api/submit', parts);
    if (reply.status !== 503 || reply.retryAfter === undefined || retries === MAX_BUSY_RETRIES) {
      return { ...reply, ms: performance.now() - started, retries };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(reply.retryAfter!, 5) * 1000));
  }
}

async function session(base: string): Promise<{ authToken: string; scanRef: string }> {
  const reply = await post(base, '/api/session', ['{}']);
  if (reply.status !== 200) throw new Error(`session failed: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body) as { authToken: string; scanRef: string };
}

/** A ~15 MB submit body as parts: the per-token head, then the three shared images. */
function submitParts(authToken: string, images: Buffer[]): (Buffer | string)[] {
  return [
    `{"authToken":"${authToken}","country":"LT","documentType":"ID_CARD","images":{"FRONT":"`,
    images[0]!,
    '","BACK":"',
    images[1]!,
    '","FACE":"',
    images[2]!,
    '","UTILITY_BILL":null},"additionalImages":{}}',
  ];
}

/** A client that declares a 15 MB body and sends it a byte every `everyMs`. Resolves with what became of it. */
function slowloris(base: string, everyMs: number): Promise<{ status: number; closedAfterMs: number }> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve) => {
    let answer = '';
    const socket: Socket = connect(Number(port), hostname, () => {
      socket.write(`POST /api/submit HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 15000000\r\n\r\n{"authToken":"`);
    });
    const timer = setInterval(() => socket.writable && socket.write('A'), everyMs);
    socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), closedAfterMs: performance.now() - started });
    });
  });
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench:load: no result after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  const vendor = await startVendor();
  const backend = await startBackend(vendor.url);
  const rows: PhaseRow[] = [];
  const idle = await backend.report(true);
  try {
    const images = [1, 2, 3].map((seed) => Buffer.from(syntheticJpeg(IMAGE_BYTES, seed).toString('base64'), 'latin1'));
    const bodyBytes = submitParts('x'.repeat(40), images).reduce((sum, part) => sum + Buffer.byteLength(part), 0);

    // `--instances-only`: just the two-instance phase, for a quick look at the shared store.
    if (!INSTANCES_ONLY) {
      // 1. Fifty people submitting at once, ten of them twice at the same moment.
      {
        const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => session(backend.base)));
        await backend.report(true);
        const processBefore = vendor.calls('/api/v2/process');
        const sends = [...sessions, ...sessions.slice(0, DUPLICATES)].map((s) => submitLikeTheWidget(backend.base, submitParts(s.authToken, images)));
        const replies = await Promise.all(sends);
        const wrong: string[] = [];
        replies.forEach((reply, index) => {
          const expected = sessions[index % SESSIONS]!.scanRef;
          if (reply.status !== 200 || (JSON.parse(reply.body) as { scanRef?: string }).scanRef !== expected) wrong.push(`submit ${index}: ${reply.status} ${reply.body.slice(0, 120)}`);
        });
        const processed = vendor.calls('/api/v2/process') - processBefore;
        if (processed !== SESSIONS) wrong.push(`the vendor got ${processed} /process calls for ${SESSIONS} verifications`);
        const { peakRssBytes } = await backend.report(true);
        rows.push({ phase: `${SESSIONS} sessions × ${(bodyBytes / MB).toFixed(1)} MB at once, +${DUPLICATES} duplicates`, requests: replies.length, ok: replies.filter((r) => r.status === 200).length, expectedFailures: 0, wrong, latencies: replies.map((r) => r.ms), peakRssBytes, busyRetries: replies.reduce((sum, r) => sum + (r.retries ?? 0), 0) });
      }

      // 2. Slowloris: clients trickling a byte every 200 ms, while ten honest ones submit.
      {
        const slow = Array.from({ length: SLOW_CLIENTS }, () => slowloris(backend.base, 200));
        const honest = await Promise.all(
          Array.from({ length: FAULT_SESSIONS }, async () => {
            const s = await session(backend.base);
            return post(backend.base, '/api/submit', submitParts(s.authToken, images));
          }),
        );
        const cut = await Promise.all(slow);
        const wrong: string[] = [];
        for (const reply of honest) if (reply.status !== 200) wrong.push(`honest submit: ${reply.status} ${reply.body.slice(0, 120)}`);
        for (const client of cut) if (client.status !== 408) wrong.push(`slow client got ${client.status} after ${Math.round(client.closedAfterMs)} ms`);
        const { peakRssBytes } = await backend.report(true);
        rows.push({
          phase: `${SLOW_CLIENTS} slowloris clients (1 byte / 200 ms) + ${FAULT_SESSIONS} honest submits`,
          requests: SLOW_CLIENTS + FAULT_SESSIONS,
          ok: honest.filter((r) => r.status === 200).length,
          expectedFailures: cut.filter((c) => c.status === 408).length,
          wrong,
          latencies: [...honest.map((r) => r.ms), ...cut.map((c) => c.closedAfterMs)],
          peakRssBytes,
        });
        console.log(`slowloris: cut with 408 after ${Math.round(Math.min(...cut.map((c) => c.closedAfterMs)))}–${Math.round(Math.max(...cut.map((c) => c.closedAfterMs)))} ms`);
      }

      // 3 and 4. A vendor that accepts and then hangs, or accepts and answers garbage; then recovers.
      for (const [mode, identifier, status] of [['hang', 'VENDOR_TIMEOUT', 504], ['garbage', 'VENDOR_BAD_RESPONSE', 502]] as const) {
        const sessions = await Promise.all(Array.from({ length: FAULT_SESSIONS }, () => session(backend.base)));
        const acceptedBefore = vendor.accepted();
        vendor.setMode(mode);
        const faulted = await Promise.all(sessions.map((s) => post(backend.base, '/api/submit', submitParts(s.authToken, images))));
        vendor.setMode('normal');
        // The widget would ask /status and then send again: the backend must not lose these verifications.
        const statuses = await Promise.all(sessions.map((s) => post(backend.base, '/api/submit/status', [JSON.stringify({ authToken: s.authToken })])));
        const retried = await Promise.all(sessions.map((s) => post(backend.base, '/api/submit', submitParts(s.authToken, images))));
        const wrong: string[] = [];
        for (const reply of faulted) {
          if (reply.status !== status || !reply.body.includes(`"identifier":"${identifier}"`)) wrong.push(`${mode}: ${reply.status} ${reply.body.slice(0, 120)}`);
        }
        for (const reply of statuses) if (!reply.body.includes('"state":"FAILED"')) wrong.push(`${mode} status: ${reply.body.slice(0, 120)}`);
        retried.forEach((reply, index) => {
          if (reply.status !== 200 || !reply.body.includes(sessions[index]!.scanRef)) wrong.push(`${mode} retry: ${reply.status} ${reply.body.slice(0, 120)}`);
        });
        const accepted = vendor.accepted() - acceptedBefore;
        if (accepted !== FAULT_SESSIONS) wrong.push(`${mode}: the vendor accepted ${accepted} verifications for ${FAULT_SESSIONS}`);
        const { peakRssBytes } = await backend.report(true);
        rows.push({
          phase: `vendor ${mode === 'hang' ? `hangs (${SERVER_OPTIONS.vendorTimeoutMs / 1000} s timeout)` : 'answers HTML'} → ${status} ${identifier}, then retry`,
          requests: faulted.length + statuses.length + retried.length,
          ok: retried.filter((r) => r.status === 200).length,
          expectedFailures: faulted.filter((r) => r.status === status).length,
          wrong,
          latencies: faulted.map((r) => r.ms),
          peakRssBytes,
        });
      }
    }

    rows.push(await twoInstancesOnRedis(vendor, images));

    const final = await backend.report();
    print(rows, idle.rssBytes, final);
    // A few per phase, so every phase's trouble shows.
    const problems = rows.flatMap((row) => row.wrong.slice(0, 6).map((line) => `${row.phase}: ${line}`));
    if (problems.length) {
      console.error(`\nbench:load FAILED:\n- ${problems.slice(0, 20).join('\n- ')}`);
      process.exitCode = 1;
    }
  } finally {
    clearTimeout(deadline);
    backend.child.disconnect();
    backend.child.kill();
    agent.destroy();
    await vendor.close();
  }
}

/**
 * Two backend processes sharing one Redis, as behind a load balancer: each session is minted on one
 * instance and submitted on the other, and ten of them also on the first at the same moment, so
 * duplicates race across processes. Nothing may be lost and the vendor may see each token once.
 */
async function twoInstancesOnRedis(vendor: Awaited<ReturnType<typeof startVendor>>, images: Buffer[]): Promise<PhaseRow> {
  const redis = await startRedis();
  const instances = [await startBackend(vendor.url, redis.url), await startBackend(vendor.url, redis.url)];
  try {
    const sessions = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => session(instances[i % 2]!.base)));
    await Promise.all(instances.map((instance) => instance.report(true)));
    const processBefore = vendor.calls('/api/v2/process');
    const acceptedBefore = vendor.accepted();
    // The first ten go to both instances at once, first in each one's queue, so they really race.
    const sends = sessions.flatMap((s, i) => [
      { s, on: instances[(i + 1) % 2]! },
      ...(i < DUPLICATES ? [{ s, on: instances[i % 2]! }] : []),
    ]);
    const replies = await Promise.all(sends.map(({ s, on }) => submitLikeTheWidget(on.base, submitParts(s.authToken, images))));
    const wrong: string[] = [];
    replies.forEach((reply, index) => {
      const expected = sends[index]!.s.scanRef;
      if (reply.status !== 200 || (JSON.parse(reply.body) as { scanRef?: string }).scanRef !== expected) wrong.push(`submit ${index}: ${reply.status} ${reply.body.slice(0, 120)}`);
    });
    const processed = vendor.calls('/api/v2/process') - processBefore;
    const accepted = vendor.accepted() - acceptedBefore;
    // A second call for one token is only right after the first went unanswered (a vendor timeout):
    // it asks, hears TOKEN_USED, and counts the first as landed. Two verifications are never right.
    if (accepted !== SESSIONS) wrong.push(`the vendor accepted ${accepted} verifications for ${SESSIONS}`);
    if (processed !== SESSIONS && !replies.some((r) => r.body.includes('VENDOR_TIMEOUT'))) wrong.push(`the vendor got ${processed} /process calls for ${SESSIONS} tokens`);
    console.log(`two instances: the vendor got ${processed} /process calls and accepted ${accepted} verifications for ${SESSIONS} tokens`);
    const reports = await Promise.all(instances.map((instance) => instance.report(true)));
    return {
      phase: `2 instances on one Redis: ${SESSIONS} minted on one, submitted on the other, +${DUPLICATES} duplicates across both`,
      requests: replies.length,
      ok: replies.filter((r) => r.status === 200).length,
      expectedFailures: 0,
      wrong,
      latencies: replies.map((r) => r.ms),
      peakRssBytes: Math.max(...reports.map((r) => r.peakRssBytes)),
      peakRssPerInstance: reports.map((r) => r.peakRssBytes),
      busyRetries: replies.reduce((sum, r) => sum + (r.retries ?? 0), 0),
    };
  } finally {
    for (const instance of instances) {
      instance.child.disconnect();
      instance.child.kill();
    }
    await redis.dispose();
  }
}

function print(rows: PhaseRow[], idleRss: number, final: Extract<FromServer, { type: 'report' }>): void {
  console.log(`\nNode ${process.version}, ${os.availableParallelism()} cores; backend idle RSS ${(idleRss / MB).toFixed(0)} MB.\n`);
  console.log('| phase | requests | answered right | expected refusals | wrong | p50 ms | p95 ms | max ms | 503 → came back | backend peak RSS (each instance) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.phase} | ${row.requests} | ${row.ok} | ${row.expectedFailures} | ${row.wrong.length} | ${Math.round(percentile(row.latencies, 50))} | ${Math.round(percentile(row.latencies, 95))} | ${Math.round(Math.max(...row.latencies))} | ${row.busyRetries ?? '–'} | ${(row.peakRssPerInstance ?? [row.peakRssBytes]).map((bytes) => `${(bytes / MB).toFixed(0)} MB`).join(' / ')} |`,
    );
  }
  const total = Object.values(final.stats.backend).reduce((sum, count) => sum + count, 0);
  console.log(`\nBackend: ${total} requests answered in all (${JSON.stringify(final.stats.backend)}); process-lifetime max RSS ${(final.maxRssBytes / MB).toFixed(0)} MB.`);
}


main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
