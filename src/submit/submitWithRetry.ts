import { isOnboardingError, mapErrorResponse, type OnboardingError } from '../core/errors.ts';
import type { SubmitPhase } from '../core/flow.ts';
import type { SubmissionStatus, SubmitSuccess } from '../core/payload.ts';
import { classifyFailure, nextMove, type RetryPolicy } from '../core/retryPolicy.ts';
import { STATUS_UNSUPPORTED } from './submissionStatus.ts';

/** Everything the loop touches outside itself, so tests can drive it without a network or a clock. */
export interface SubmitPorts {
  send(options: { signal: AbortSignal; onProgress: (fraction: number) => void }): Promise<SubmitSuccess>;
  askStatus(signal: AbortSignal): Promise<SubmissionStatus>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Resolves when the browser says it is back online (or after a while, to check for ourselves). */
  waitForOnline(signal: AbortSignal): Promise<void>;
  isOnline(): boolean;
  random(): number;
  now(): number;
}

export interface SubmitRun {
  policy: RetryPolicy;
  ports: SubmitPorts;
  signal: AbortSignal;
  /** Ask the backend before the first send: this token may have been sent before (a retry, a reload). */
  askFirst: boolean;
  onPhase(phase: SubmitPhase): void;
  onProgress(fraction: number): void;
}

/**
 * Sends one submission until it succeeds, waiting out offline spells and transient failures with
 * backoff and jitter. After a failure that may have happened once the request had arrived, it asks
 * the backend what became of it instead of uploading again. Rejects with the last `OnboardingError`
 * when only the person (or a new session, for TOKEN_EXPIRED) can help, or attempts run out.
 */
export async function submitWithRetry(run: SubmitRun): Promise<SubmitSuccess> {
  const { policy, ports, signal, onPhase, onProgress } = run;
  let askFirst = run.askFirst;
  let statusSupported = true;
  let failures = 0;
  for (;;) {
    signal.throwIfAborted();
    let asking = false;
    try {
      if (askFirst && statusSupported) {
        asking = true;
        onPhase({ kind: 'CHECKING' });
        const answer = await ask(run);
        if (answer === 'UNSUPPORTED') statusSupported = false;
        else if (answer !== 'SEND') return answer;
        asking = false;
      }
      onProgress(0);
      return await ports.send({ signal, onProgress });
    } catch (caught) {
      if (signal.aborted) throw signal.reason;
      const error: OnboardingError = isOnboardingError(caught) ? caught : { code: 'UNKNOWN', detail: 'the submission failed unexpectedly' };
      const online = ports.isOnline();
      if (online) failures++;
      const move = nextMove(policy, { error, failures, online, random: ports.random });
      // A failed question leaves the question open.
      const askNext = (moveAsks: boolean) => asking || moveAsks;
      switch (move.kind) {
        case 'GIVE_UP':
        case 'RENEW_SESSION':
          throw error;
        case 'WAIT_FOR_NETWORK':
          onPhase({ kind: 'WAITING_FOR_NETWORK' });
          await ports.waitForOnline(signal);
          askFirst = askNext(move.askFirst);
          break;
        case 'RETRY':
          onPhase({ kind: 'RETRYING', retry: failures, of: policy.maxAttempts - 1, delayMs: move.delayMs });
          await ports.sleep(move.delayMs, signal);
          askFirst = askNext(move.askFirst);
          break;
      }
    }
  }
}

/** What the backend says about earlier sends: done (with the answer), send again, or no way to ask. */
async function ask({ policy, ports, signal }: SubmitRun): Promise<SubmitSuccess | 'SEND' | 'UNSUPPORTED'> {
  const started = ports.now();
  for (;;) {
    let status: SubmissionStatus;
    try {
      status = await ports.askStatus(signal);
    } catch (error) {
      if (isOnboardingError(error) && error.identifier === STATUS_UNSUPPORTED) return 'UNSUPPORTED';
      throw error;
    }
    switch (status.state) {
      case 'SUCCEEDED':
        return { scanRef: status.scanRef };
      case 'NOT_SUBMITTED':
        return 'SEND';
      case 'FAILED': {
        const error = mapErrorResponse(status.status, status.error);
        const kind = classifyFailure(error);
        // The lost answer was one only the person (or a new session) can act on: act on it now.
        if (kind === 'STOP' || kind === 'RENEW_SESSION') throw error;
        return 'SEND';
      }
      case 'IN_PROGRESS':
        // A send joins the backend's running vendor call, so after a long wait it is harmless.
        if (ports.now() - started >= policy.maxPendingMs) return 'SEND';
        await ports.sleep(policy.pendingPollMs, signal);
    }
  }
}
