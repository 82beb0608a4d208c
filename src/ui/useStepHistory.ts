import { useEffect, useRef } from 'react';
import { isReachable, type FlowAction, type FlowState } from '../core/flow.ts';
import type { StepId } from '../core/steps.ts';

/** What the widget keeps in `history.state`: a step id and a position, never a token or an image. */
interface StepEntry {
  markidStep: StepId;
  markidIndex: number;
}

function readEntry(state: unknown): StepEntry | null {
  const record = typeof state === 'object' && state !== null ? (state as Partial<StepEntry>) : null;
  return record && typeof record.markidStep === 'string' && typeof record.markidIndex === 'number' ? (record as StepEntry) : null;
}

/** The host's own history state is kept; ours sits beside it. */
function entryState(base: unknown, step: StepId, index: number): object {
  return { ...(typeof base === 'object' && base !== null ? base : {}), markidStep: step, markidIndex: index };
}

/**
 * Lets the browser's Back and Forward move between steps (opt-in: the hosted page owns its
 * history, an embedding app may not want us in it). Every step the person moves forward to gets an
 * entry (no URL change, nothing but the step id in it); the in-app Back steps the browser back
 * too, so Forward then works as people expect. The reducer decides: Forward past an unfinished
 * step or any move while submitting is refused, and the entry is rewritten to where they are.
 */
export function useStepHistory(state: FlowState, dispatch: (action: FlowAction) => void, enabled: boolean): void {
  const mirror = useRef<{ stack: StepId[]; index: number } | null>(null);
  const latest = useRef(state);
  latest.current = state;
  const current = state.screen.kind === 'STEP' ? state.screen.id : null;

  useEffect(() => {
    if (!enabled) return undefined;
    const onPop = (event: PopStateEvent) => {
      const entry = readEntry(event.state);
      const known = mirror.current;
      if (!entry || !known) return;
      const flow = latest.current;
      known.index = entry.markidIndex;
      const here = flow.screen.kind === 'STEP' ? flow.screen.id : null;
      if (here !== null && (entry.markidStep === here || isReachable(flow, entry.markidStep))) {
        known.stack[known.index] = entry.markidStep;
        if (entry.markidStep !== here) dispatch({ type: 'GO_TO_STEP', id: entry.markidStep });
        return;
      }
      // Refused: the entry the browser now shows must say where the person really is.
      const stay = here ?? 'REVIEW';
      known.stack[known.index] = stay;
      history.replaceState(entryState(event.state, stay, known.index), '');
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [enabled, dispatch]);

  useEffect(() => {
    if (!enabled || current === null) return;
    const known = mirror.current;
    if (!known) {
      // First screen (or after a reload, which keeps history.state): mark the entry we are on.
      const index = readEntry(history.state)?.markidIndex ?? 0;
      const stack: StepId[] = [];
      stack[index] = current;
      mirror.current = { stack, index };
      history.replaceState(entryState(history.state, current, index), '');
      return;
    }
    if (known.stack[known.index] === current) return;
    if (known.index > 0 && known.stack[known.index - 1] === current) {
      known.index -= 1;
      history.back();
      return;
    }
    known.stack = known.stack.slice(0, known.index + 1);
    known.index += 1;
    known.stack[known.index] = current;
    history.pushState(entryState(history.state, current, known.index), '');
  }, [enabled, current]);
}
