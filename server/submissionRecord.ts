import type { SubmissionStatus, VendorErrorBody } from '../src/core/payload.ts';

export type Outcome = { status: number; body: unknown };

/**
 * What the backend remembers of the submissions made with one token: a full success (answered
 * again to every later submit, without a vendor call), the conversation with the vendor running
 * now (concurrent duplicates wait for it instead of starting their own), and the last failure
 * (so a widget whose connection dropped can ask what happened rather than upload again).
 */
export class SubmissionRecord {
  #success: Outcome | null = null;
  #lastFailure: Outcome | null = null;
  #inflight: Promise<Outcome> | null = null;

  /** The remembered success, or the answer of the call in flight, if either exists. */
  settled(): Outcome | Promise<Outcome> | null {
    return this.#success ?? this.#inflight;
  }

  /**
   * Runs `forward` as the one vendor conversation for this token. No await may come between a
   * caller's `settled()` check and this call, so two requests can never both start one.
   */
  run(forward: () => Promise<Outcome>, isSuccess: (outcome: Outcome) => boolean): Promise<Outcome> {
    this.#lastFailure = null;
    const inflight = forward().then(
      (outcome) => {
        if (isSuccess(outcome)) this.#success = outcome;
        else this.#lastFailure = outcome;
        return outcome;
      },
    ).finally(() => {
      this.#inflight = null;
    });
    this.#inflight = inflight;
    return inflight;
  }

  status(): SubmissionStatus {
    if (this.#success) return { state: 'SUCCEEDED', scanRef: (this.#success.body as { scanRef: string }).scanRef };
    if (this.#inflight) return { state: 'IN_PROGRESS' };
    if (this.#lastFailure) return { state: 'FAILED', status: this.#lastFailure.status, error: this.#lastFailure.body as VendorErrorBody };
    return { state: 'NOT_SUBMITTED' };
  }
}
