import { useEffect, useRef, useState } from 'react';
import { currentStep, stepsOf, type FlowState } from '../../core/flow.ts';
import type { HandoffProgress, HandoffRefusal } from '../../core/handoff.ts';
import { imageSteps } from '../../core/steps.ts';
import { reportHandoff } from '../../submit/handoffClient.ts';
import type { PhoneHandoff } from '../startFlow.ts';
import { isHandoffRefusal } from './HandoffRefused.tsx';

/** What the phone tells the desktop at this screen: which photo of how many, or that it is sending. */
export function progressOf(state: FlowState): HandoffProgress | null {
  if (state.screen.kind === 'SUBMITTING') return { kind: 'SENDING' };
  const step = currentStep(state);
  if (step?.kind !== 'IMAGE') return null;
  const images = imageSteps(stepsOf(state));
  return { kind: 'STEP', step: images.findIndex((image) => image.name === step.name) + 1, of: images.length };
}

/**
 * On the phone: reports each new position to the desktop, and answers the refusal the backend
 * gave when the desktop took the handoff back (or it expired), so the phone stops there.
 */
export function useHandoffReports(state: FlowState, phone: PhoneHandoff | undefined): HandoffRefusal | null {
  const [refused, setRefused] = useState<HandoffRefusal | null>(null);
  const progress = progressOf(state);
  const key = progress ? JSON.stringify(progress) : null;
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!phone || !progress || key === sent.current) return;
    sent.current = key;
    reportHandoff(phone.apiUrl, phone.phoneSecret, progress).catch((error: { identifier?: string }) => {
      if (isHandoffRefusal(error.identifier)) setRefused(error.identifier);
    });
    // Only a new position is news.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, phone]);
  return refused;
}
