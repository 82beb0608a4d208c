import type { SubmissionStatus, VendorErrorBody } from '../src/core/payload.ts';
import { problem } from './errors.ts';
import type { Problem } from './errors.ts';
import { acquireLease, leaseHolder } from './store/lease.ts';
import type { Lease } from './store/lease.ts';
import type { Outcome, Records, SubmissionState } from './store/records.ts';
import type { Store } from './store/store.ts';

export interface ExactlyOnceOptions {
  store: Store;
  states: Records<SubmissionState<unknown>>;
  /** How long a lease lives unless renewed: how soon another instance takes over from a crashed one. */
  leaseMs: number;
  /** How long a duplicate waits for the attempt in flight before it is told to come back. */
  waitMs: number;
  /** How often a waiting duplicate looks at the lease. */
  pollMs: number;
  newAttempt: () => string;
}

export interface Job<P> {
  /** The token or re-upload grant this submission belongs to. */
  id: string;
  /** Progress of a submission nobody has attempted yet. */
  initial: P;
  /** How long the record is kept: as long as the token it belongs to. */
  ttlMs: number;
  /**
   * The vendor conversation, resumed from `progress`. It calls `save` after every step the vendor
   * confirmed (and before one whose answer might be lost), so a retry on any instance carries on.
   */
  forward(progress: P, save: (progress: P) => Promise<void>): Promise<Outcome>;
}

/** A save found the lease taken over: another instance resumed this submission. */
class LeaseLost extends Error {}

const isSuccess = (outcome: Outcome) => outcome.status === 200;
const stillRunning = (): Problem => ({
  ...problem('SUBMISSION_IN_PROGRESS', 'This submission is still being forwarded: ask again shortly'),
  retryAfterSeconds: 2,
});

/**
 * Runs `job.forward` at most once at a time across every instance sharing the store, and never
 * again once it succeeded. The first caller takes the lease and forwards; the others wait for that
 * attempt's outcome and answer it without calling the vendor. When the holder crashed, its lease
 * expires with no outcome recorded, and the next caller resumes from the saved progress.
 */
export async function runOnce<P>(options: ExactlyOnceOptions, job: Job<P>): Promise<Outcome> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const before = await options.states.get(job.id);
    if (before?.success) return before.success;
    const lease = await acquireLease(options.store, job.id, options.newAttempt(), options.leaseMs);
    if (lease) return forwardHolding(options, job, lease);
    const holder = await leaseHolder(options.store, job.id);
    if (holder === null) continue; // released between our two looks: try again
    if (!(await waitForRelease(options, job.id, holder, deadline))) return stillRunning();
    const after = await options.states.get(job.id);
    if (after?.success) return after.success;
    if (after?.last?.attempt === holder) return after.last.outcome;
    // The holder vanished without an outcome (it crashed): take over, from its saved progress.
  }
}

async function forwardHolding<P>(options: ExactlyOnceOptions, job: Job<P>, lease: Lease): Promise<Outcome> {
  try {
    // Read again under the lease: the last holder may have finished between our look and the take.
    const stored = await options.states.read(job.id);
    const state = (stored?.value as SubmissionState<P> | undefined) ?? { progress: job.initial, success: null, last: null };
    if (state.success) return state.success;
    let text = stored?.text ?? null;
    // Every write is a compare-and-set on what this attempt last saw, and the lease is extended
    // first: if another instance took over while this one stalled, the record is theirs now.
    const write = async () => {
      const written = (await lease.renew()) ? await options.states.swap(job.id, text, state, job.ttlMs) : null;
      if (written === null) throw new LeaseLost();
      text = written;
    };
    const save = async (progress: P) => {
      state.progress = progress;
      await write();
    };
    let outcome: Outcome;
    try {
      outcome = await job.forward(state.progress, save);
    } catch (error) {
      if (error instanceof LeaseLost) return stillRunning();
      throw error;
    }
    if (isSuccess(outcome)) state.success = outcome;
    state.last = { attempt: lease.attempt, outcome };
    try {
      await write();
    } catch (error) {
      if (error instanceof LeaseLost) return stillRunning();
      throw error;
    }
    return outcome;
  } finally {
    await lease.release().catch(() => undefined); // store trouble: it expires by itself
  }
}

async function waitForRelease(options: ExactlyOnceOptions, id: string, holder: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    if ((await leaseHolder(options.store, id)) !== holder) return true;
  }
  return false;
}

/** What the widget hears from `/status`: computed from the shared record and lease. */
export async function submissionStatus(options: ExactlyOnceOptions, id: string): Promise<SubmissionStatus> {
  const state = await options.states.get(id);
  if (state?.success) return { state: 'SUCCEEDED', scanRef: (state.success.body as { scanRef: string }).scanRef };
  if ((await leaseHolder(options.store, id)) !== null) return { state: 'IN_PROGRESS' };
  if (state?.last) return { state: 'FAILED', status: state.last.outcome.status, error: state.last.outcome.body as VendorErrorBody };
  return { state: 'NOT_SUBMITTED' };
}
