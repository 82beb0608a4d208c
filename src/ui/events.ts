import type { Screen } from '../core/flow.ts';
import type { Step } from '../core/steps.ts';

/** `onStepChange`: where the person is now. Carries no image, token or personal data. */
export interface StepChange {
  screen: Screen['kind'];
  step?: Step['kind'];
  /** The image step's name (FRONT, BACK, FACE, UTILITY_BILL or a custom step), on image steps. */
  stepName?: string;
}

/** `onComplete`: the vendor accepted the submission; `scanRef` identifies it on the merchant's side. */
export interface CompleteEvent {
  scanRef: string;
}

/**
 * `onExit`: the widget asks the host to take it away. The person closed it without finishing (`at`
 * is where they were, `null` if the session never loaded), or finished after a successful submission.
 */
export type ExitEvent = { reason: 'CLOSED'; at: StepChange | null } | { reason: 'FINISHED'; scanRef: string };
