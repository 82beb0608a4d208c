// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runOnce, submissionStatus } from '../../server/exactlyOnce.ts';
import type { ExactlyOnceOptions } from '../../server/exactlyOnce.ts';
import { createMemoryStore } from '../../server/store/memoryStore.ts';
import { backendRecords } from '../../server/store/records.ts';
import { deferred } from './serverFixtures.ts';

function options(): ExactlyOnceOptions {
  const store = createMemoryStore();
  return { store, states: backendRecords(store).submissions, leaseMs: 10_000, waitMs: 5_000, pollMs: 5, newAttempt: () => crypto.randomUUID() };
}

describe('runOnce', () => {
  it('lets a holder that lost its lease while stalled write nothing over the one that took over', async () => {
    const opts = options();
    const gate = deferred();
    const first = runOnce<number>(opts, {
      id: 'x',
      initial: 0,
      ttlMs: 60_000,
      async forward(_progress, save) {
        await save(1);
        await gate.promise; // stalled: a GC pause, a starved CPU
        await save(2);
        return { status: 200, body: { scanRef: 'first' } };
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await opts.store.delete('lease:x'); // its lease expired meanwhile
    const second = await runOnce<number>(opts, {
      id: 'x',
      initial: 0,
      ttlMs: 60_000,
      async forward(progress) {
        expect(progress).toBe(1); // resumed from what the first one saved
        return { status: 200, body: { scanRef: 'second' } };
      },
    });
    expect(second).toEqual({ status: 200, body: { scanRef: 'second' } });
    gate.release();
    expect(await first).toMatchObject({ status: 503, body: { identifier: 'SUBMISSION_IN_PROGRESS' }, retryAfterSeconds: 2 });
    expect(await submissionStatus(opts, 'x')).toEqual({ state: 'SUCCEEDED', scanRef: 'second' });
  });

  it('answers a remembered success without running again, and never runs two at once', async () => {
    const opts = options();
    let running = 0;
    let runs = 0;
    const job = {
      id: 'y',
      initial: null,
      ttlMs: 60_000,
      async forward() {
        running++;
        runs++;
        expect(running).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        return { status: 200, body: { scanRef: 'only' } };
      },
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => runOnce(opts, job)));
    expect(answers.every((answer) => (answer.body as { scanRef: string }).scanRef === 'only')).toBe(true);
    expect(await runOnce(opts, job)).toEqual({ status: 200, body: { scanRef: 'only' } });
    expect(runs).toBe(1);
  });
});
