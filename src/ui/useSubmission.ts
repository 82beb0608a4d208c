import { useEffect, useRef } from 'react';
import { isOnboardingError, redactError, type OnboardingError } from '../core/errors.ts';
import { sessionDeadline } from '../core/expiry.ts';
import { flowReducer, type FlowAction, type FlowState } from '../core/flow.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../core/retryPolicy.ts';
import { requestBodyParts } from '../core/submitBody.ts';
import type { Session } from '../core/token.ts';
import { assembleBody } from '../submit/requestBody.ts';
import { sendSubmission } from '../submit/sendSubmission.ts';
import { fetchSubmissionStatus, statusUrlOf } from '../submit/submissionStatus.ts';
import { submitWithRetry, type SubmitPorts } from '../submit/submitWithRetry.ts';

export interface SubmissionOptions {
  submitUrl: string;
  reuploadUrl: string;
  /** A way to a new session when the token expired; absent when the host gave one it cannot renew. */
  renewSession?: (() => Promise<Session>) | undefined;
  /** The session came from a resumed draft: an earlier page may already have sent it. */
  resumed: boolean;
  policy?: RetryPolicy;
}

/** A token that expires twice in one submission is not a timing problem a third session would fix. */
const MAX_RENEWALS = 2;

/**
 * Sends each submit attempt exactly once. The attempt number lives in the reducer state, so a
 * double click (the reducer ignores SUBMIT outside review) or a re-render cannot start a second
 * request for the same attempt; strict mode's rehearsal unmount aborts its run before any request
 * leaves (building the body is asynchronous), and the remount starts the one real run.
 */
export function useSubmission(state: FlowState, dispatch: (action: FlowAction) => void, options: SubmissionOptions) {
  const started = useRef(0);
  const latest = useRef({ state, options });
  latest.current = { state, options };
  /** The token the server last called expired: the next attempt renews before sending. */
  const expiredToken = useRef<string | null>(null);
  const attempt = state.screen.kind === 'SUBMITTING' ? state.screen.attempt : 0;

  useEffect(() => {
    if (attempt === 0 || started.current >= attempt) return undefined;
    started.current = attempt;
    const controller = new AbortController();
    const { signal } = controller;
    const reference = newReference();
    void (async () => {
      let current = latest.current.state;
      const { renewSession, resumed, submitUrl, reuploadUrl, policy = DEFAULT_RETRY_POLICY } = latest.current.options;
      let renewals = 0;
      const renew = async (): Promise<FlowState | null> => {
        if (!renewSession || renewals >= MAX_RENEWALS) return null;
        renewals++;
        dispatch({ type: 'SUBMIT_PHASE', attempt, phase: { kind: 'RENEWING_SESSION' } });
        let session: Session;
        try {
          session = await renewSession();
        } catch (error) {
          if (signal.aborted || isOnboardingError(error)) throw error;
          throw { code: 'SESSION_FAILED', detail: 'no new session could be had' } satisfies OnboardingError;
        }
        signal.throwIfAborted();
        const action: FlowAction = { type: 'SESSION_RENEWED', attempt, session, obtainedAt: Date.now() };
        dispatch(action);
        // The reducer is pure: what it made of the renewal decides whether to go on sending.
        const next = flowReducer(current, action);
        return next.screen.kind === 'SUBMITTING' ? next : null;
      };
      try {
        const knownExpired =
          current.session.authToken === expiredToken.current ||
          (current.obtainedAt !== null && sessionDeadline(current.session, current.obtainedAt) <= Date.now());
        if (knownExpired && renewSession) {
          const renewed = await renew();
          if (!renewed) return;
          current = renewed;
        }
        for (;;) {
          const reupload = current.target.kind === 'REUPLOAD';
          const url = reupload ? reuploadUrl : submitUrl;
          // Built once per session and kept across retries, as a Blob: outside the JavaScript heap.
          const body = await assembleBody(requestBodyParts(current), { signal });
          signal.throwIfAborted();
          const token = reupload ? { reuploadToken: current.session.authToken } : { authToken: current.session.authToken };
          const ports = browserPorts({
            send: ({ signal: sendSignal, onProgress }) => sendSubmission(url, body, { signal: sendSignal, onProgress, requestId: reference }),
            askStatus: (askSignal) => fetchSubmissionStatus(statusUrlOf(url), token, { signal: askSignal, requestId: reference }),
          });
          try {
            const { scanRef } = await submitWithRetry({
              policy,
              ports,
              signal,
              askFirst: attempt > 1 || (resumed && renewals === 0),
              onPhase: (phase) => dispatch({ type: 'SUBMIT_PHASE', attempt, phase }),
              onProgress: (progress) => dispatch({ type: 'SUBMIT_PROGRESS', attempt, progress }),
            });
            expiredToken.current = null;
            dispatch({ type: 'SUBMIT_SUCCEEDED', attempt, scanRef });
            return;
          } catch (error) {
            if (signal.aborted || !isOnboardingError(error) || error.code !== 'TOKEN_EXPIRED') throw error;
            expiredToken.current = current.session.authToken;
            const renewed = await renew();
            if (!renewed) throw error;
            current = renewed;
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        const typed: OnboardingError = isOnboardingError(error) ? error : { code: 'UNKNOWN', detail: 'the submission failed unexpectedly' };
        dispatch({ type: 'SUBMIT_FAILED', attempt, error: { ...redactError(typed, [current.session.authToken]), reference } });
      }
    })();
    return () => {
      controller.abort(new DOMException('The widget was closed', 'AbortError'));
      started.current = attempt - 1;
    };
  }, [attempt, dispatch]);
}

/** The retry loop's view of the browser: timers, `navigator.onLine` and its events. */
function browserPorts(io: Pick<SubmitPorts, 'send' | 'askStatus'>): SubmitPorts {
  return {
    ...io,
    sleep: (ms, signal) =>
      abortable(signal, (done) => {
        const timer = setTimeout(done, ms);
        return () => clearTimeout(timer);
      }),
    // `online` may never fire on some devices, so look again every 15 s regardless.
    waitForOnline: (signal) =>
      abortable(signal, (done) => {
        const timer = setTimeout(done, 15_000);
        window.addEventListener('online', done);
        return () => {
          clearTimeout(timer);
          window.removeEventListener('online', done);
        };
      }),
    isOnline: () => navigator.onLine !== false,
    random: Math.random,
    now: Date.now,
  };
}

/** Runs `start` until it calls done or the signal aborts; either way its cleanup runs once. */
function abortable(signal: AbortSignal, start: (done: () => void) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let cleanup = () => {};
    const settle = (outcome: () => void) => {
      cleanup();
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => settle(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    cleanup = start(() => settle(resolve));
  });
}

/**
 * A short id a person can read out to support ("MK-7F3K-9Q2D"): sent with the request, shown with
 * any error, logged by the backend. Random, so it says nothing about the person or the token.
 */
export function newReference(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  return `MK-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
