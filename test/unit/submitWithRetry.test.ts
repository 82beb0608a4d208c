import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OnboardingError } from '../../src/core/errors.ts';
import { mapErrorResponse } from '../../src/core/errors.ts';
import type { SubmitPhase } from '../../src/core/flow.ts';
import type { SubmissionStatus, SubmitSuccess } from '../../src/core/payload.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/core/retryPolicy.ts';
import { STATUS_UNSUPPORTED } from '../../src/submit/submissionStatus.ts';
import { submitWithRetry, type SubmitPorts } from '../../src/submit/submitWithRetry.ts';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4 };
type Send = SubmitSuccess | OnboardingError;
type Ask = SubmissionStatus | OnboardingError;

/** A scripted backend and network: each send and each status question takes the next answer. */
function script(sends: Send[], asks: Ask[] = [], options: { offlineUntilWait?: boolean } = {}) {
  const log: string[] = [];
  const phases: SubmitPhase[] = [];
  let online = !options.offlineUntilWait;
  let clock = 0;
  const answer = <T,>(queue: (T | OnboardingError)[], what: string): Promise<T> => {
    const next = queue.shift();
    if (next === undefined) throw new Error(`unexpected ${what}`);
    return 'code' in (next as object) ? Promise.reject(next) : Promise.resolve(next as T);
  };
  const ports: SubmitPorts = {
    send: () => {
      log.push(online ? 'send' : 'send(offline)');
      return answer<SubmitSuccess>(sends, 'send');
    },
    askStatus: () => {
      log.push('ask');
      return answer<SubmissionStatus>(asks, 'status question');
    },
    sleep: async (ms) => {
      log.push(`sleep`);
      clock += ms;
    },
    waitForOnline: async () => {
      log.push('wait-online');
      online = true;
    },
    isOnline: () => online,
    random: () => 0.5,
    now: () => clock,
  };
  const go = (askFirst = false, signal = new AbortController().signal) =>
    submitWithRetry({ policy, ports, signal, askFirst, onPhase: (phase) => phases.push(phase), onProgress: () => undefined });
  return { go, log, phases, sends, asks };
}

const ok = { scanRef: 'scan-1' };
const dropped = (delivery: 'SENT' | 'NOT_SENT'): OnboardingError => ({ code: 'NETWORK', delivery });

describe('submitWithRetry', () => {
  it('sends once when all goes well, asking nothing', async () => {
    const run = script([ok]);
    expect(await run.go()).toEqual(ok);
    expect(run.log).toEqual(['send']);
  });

  it('waits for the network when the connection dropped mid-upload, then sends again', async () => {
    const run = script([dropped('NOT_SENT'), ok], [], { offlineUntilWait: true });
    expect(await run.go()).toEqual(ok);
    expect(run.log).toEqual(['send(offline)', 'wait-online', 'send']);
    expect(run.phases.map((phase) => phase.kind)).toEqual(['WAITING_FOR_NETWORK']);
  });

  it('backs off after a 503 and sends again without asking', async () => {
    const run = script([mapErrorResponse(503, undefined), ok]);
    expect(await run.go()).toEqual(ok);
    expect(run.log).toEqual(['send', 'sleep', 'send']);
    expect(run.phases[0]).toMatchObject({ kind: 'RETRYING', retry: 1, of: 3 });
  });

  it('asks after a 502 and takes the remembered success instead of uploading again', async () => {
    const run = script([mapErrorResponse(502, undefined)], [{ state: 'SUCCEEDED', scanRef: 'scan-9' }]);
    expect(await run.go()).toEqual({ scanRef: 'scan-9' });
    expect(run.log).toEqual(['send', 'sleep', 'ask']);
  });

  it('asks after the connection dropped with the body out, and sends again when nothing arrived', async () => {
    const run = script([dropped('SENT'), ok], [{ state: 'NOT_SUBMITTED' }]);
    expect(await run.go()).toEqual(ok);
    expect(run.log).toEqual(['send', 'sleep', 'ask', 'send']);
  });

  it('waits while the backend is still forwarding, then takes its answer', async () => {
    const run = script([mapErrorResponse(504, { identifier: 'VENDOR_TIMEOUT' })], [{ state: 'IN_PROGRESS' }, { state: 'IN_PROGRESS' }, { state: 'SUCCEEDED', scanRef: 'scan-1' }]);
    expect(await run.go()).toEqual(ok);
    expect(run.log).toEqual(['send', 'sleep', 'ask', 'sleep', 'ask', 'sleep', 'ask']);
  });

  it('acts on a lost refusal the status reveals, without sending again', async () => {
    const refusal = { message: "No image provided for step 'BACK'", identifier: 'MISSING_VALUE' };
    const run = script([dropped('SENT')], [{ state: 'FAILED', status: 400, error: refusal }]);
    await expect(run.go()).rejects.toMatchObject({ code: 'MISSING_IMAGE', step: 'BACK' });
    expect(run.log).toEqual(['send', 'sleep', 'ask']);
  });

  it('asks before the first send when the token may have been sent before, and copes without a status endpoint', async () => {
    const done = script([], [{ state: 'SUCCEEDED', scanRef: 'scan-1' }]);
    expect(await done.go(true)).toEqual(ok);
    expect(done.log).toEqual(['ask']);
    const unsupported = script([mapErrorResponse(502, undefined), ok], [{ code: 'UNKNOWN', status: 404, identifier: STATUS_UNSUPPORTED }]);
    expect(await unsupported.go(true)).toEqual(ok);
    // Asked once, learnt there is no one to ask, and never asked again.
    expect(unsupported.log).toEqual(['ask', 'send', 'sleep', 'send']);
  });

  it('keeps the question open when asking itself failed', async () => {
    const run = script([dropped('SENT'), ok], [dropped('NOT_SENT'), { state: 'NOT_SUBMITTED' }]);
    expect(await run.go()).toEqual(ok);
    expect(run.log).toEqual(['send', 'sleep', 'ask', 'sleep', 'ask', 'send']);
  });

  it('stops at once for what only the person can fix, and for an expired token', async () => {
    const refused = script([mapErrorResponse(400, { identifier: 'INVALID_IMAGE', message: "Image for step 'FACE' is not a JPEG" })]);
    await expect(refused.go()).rejects.toMatchObject({ code: 'INVALID_IMAGE', step: 'FACE' });
    expect(refused.log).toEqual(['send']);
    const expired = script([mapErrorResponse(410, { identifier: 'TOKEN_EXPIRED' })]);
    await expect(expired.go()).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(expired.log).toEqual(['send']);
  });

  it('gives up after the last attempt with the last error', async () => {
    const down = mapErrorResponse(503, { identifier: 'SERVICE_UNAVAILABLE' });
    const run = script([down, down, down, down, ok]);
    await expect(run.go()).rejects.toMatchObject({ code: 'SERVER', status: 503 });
    expect(run.log.filter((entry) => entry === 'send')).toHaveLength(policy.maxAttempts);
  });

  it('stops sending when aborted', async () => {
    const controller = new AbortController();
    const run = script([mapErrorResponse(503, undefined), ok]);
    const pending = run.go(false, controller.signal);
    controller.abort(new DOMException('left', 'AbortError'));
    await expect(pending).rejects.toThrow('left');
    expect(run.log).toEqual(['send']);
  });

  it('property: whatever the backend answers, at most maxAttempts sends while online, and a known success is never sent again', async () => {
    const failure = fc.constantFrom<OnboardingError>(
      dropped('SENT'),
      dropped('NOT_SENT'),
      mapErrorResponse(502, undefined),
      mapErrorResponse(503, undefined),
      mapErrorResponse(504, undefined),
      mapErrorResponse(429, undefined),
      mapErrorResponse(400, { identifier: 'MISSING_VALUE' }),
    );
    const status = fc.constantFrom<Ask>({ state: 'NOT_SUBMITTED' }, { state: 'SUCCEEDED', scanRef: 'scan-s' }, { state: 'IN_PROGRESS' }, dropped('NOT_SENT'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(failure, fc.constant<Send>(ok)), { maxLength: 12 }), fc.array(status, { maxLength: 12 }), fc.boolean(), async (sends, asks, askFirst) => {
        const run = script([...sends, ok, ok, ok, ok, ok, ok], [...asks, ...Array(200).fill({ state: 'NOT_SUBMITTED' })]);
        const result = await run.go(askFirst).catch((error: OnboardingError) => error);
        expect(run.log.filter((entry) => entry === 'send').length).toBeLessThanOrEqual(policy.maxAttempts);
        const known = run.log.lastIndexOf('ask');
        if ('scanRef' in result && result.scanRef === 'scan-s') expect(run.log.slice(known + 1)).not.toContain('send');
      }),
      { numRuns: 300 },
    );
  });
});
