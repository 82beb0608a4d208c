import { useEffect } from 'react';
import { tokenDeadline } from '../core/expiry.ts';
import type { FlowState } from '../core/flow.ts';
import type { StepId } from '../core/steps.ts';
import type { DraftStore } from '../resume/draftStore.ts';

/** Timers cannot wait longer than this; a longer wait simply fires early and checks again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps the resumable draft in step with the flow: saved on every choice, image and step (images
 * are written only when they change), discarded once submitted, when the person starts over, and
 * when the token expires, whether or not the page is still open then.
 */
export function useDraftPersistence(state: FlowState, store: DraftStore | null): void {
  const { session, obtainedAt, choices, images, screen } = state;
  // Progress ticks and retries do not change what would be saved.
  const position = screen.kind === 'STEP' ? screen.id : screen.kind;

  useEffect(() => {
    if (!store) return;
    const expiresAt = obtainedAt === null ? 0 : tokenDeadline(session, obtainedAt);
    const pristine = Object.keys(images).length === 0 && choices.country === null && choices.documentType === null;
    if (position === 'DONE' || pristine || expiresAt <= Date.now()) {
      void store.discard();
      return;
    }
    // Mid-submission or after an error the person comes back to review, not to a spinner.
    const stepId = screenStep(position);
    store.save({ session, obtainedAt: obtainedAt!, choices, stepId, images }, expiresAt).catch(() => {
      // A full disk or a private window: the flow goes on, only without a safety net.
    });
  }, [store, session, obtainedAt, choices, images, position]);

  useEffect(() => {
    if (!store || obtainedAt === null) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      const wait = tokenDeadline(session, obtainedAt) - Date.now();
      timer = wait <= 0 ? setTimeout(() => void store.discard(), 0) : setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    };
    arm();
    return () => clearTimeout(timer);
  }, [store, session, obtainedAt]);
}

function screenStep(position: StepId | 'SUBMITTING' | 'ERROR' | 'DONE'): StepId {
  return position === 'SUBMITTING' || position === 'ERROR' || position === 'DONE' ? 'REVIEW' : position;
}
