import { planBudget, type ImageBudget } from './budget';
import type { OnboardingError } from './errors';
import { base64Length } from './limits';
import { effectiveChoices, imageSteps, resolveSteps, stepId, type Choices, type Step, type StepId } from './steps';
import type { DocumentType, Session } from './token';

/** An image (or PDF) ready to send: already within its budget. */
export interface CapturedImage {
  blob: Blob;
  mediaType: 'image/jpeg' | 'application/pdf';
  bytes: number;
  width?: number;
  height?: number;
  /** The name of the file it came from, shown for PDFs. */
  fileName?: string;
}

export type Screen =
  | { kind: 'STEP'; id: StepId }
  | { kind: 'SUBMITTING'; attempt: number; progress: number }
  | { kind: 'DONE'; scanRef: string }
  | { kind: 'ERROR'; error: OnboardingError };

export interface FlowState {
  session: Session;
  choices: Choices;
  images: Readonly<Record<string, CapturedImage>>;
  screen: Screen;
  /** Set while retaking an image from the review screen: the next "continue" goes back there. */
  returnToReview: boolean;
  /** Counts submit attempts so each one is sent exactly once, whatever re-renders happen. */
  submissions: number;
}

export type FlowAction =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'CHOOSE_COUNTRY'; country: string }
  | { type: 'CHOOSE_DOCUMENT'; documentType: DocumentType }
  | { type: 'SET_IMAGE'; step: string; image: CapturedImage }
  | { type: 'CLEAR_IMAGE'; step: string }
  | { type: 'RETAKE'; step: string }
  | { type: 'SUBMIT' }
  | { type: 'SUBMIT_PROGRESS'; attempt: number; progress: number }
  | { type: 'SUBMIT_SUCCEEDED'; attempt: number; scanRef: string }
  | { type: 'SUBMIT_FAILED'; attempt: number; error: OnboardingError }
  | { type: 'DISMISS_ERROR' };

export function initialState(session: Session): FlowState {
  const choices: Choices = { country: null, documentType: null };
  const first = resolveSteps(session, choices)[0];
  return {
    session,
    choices,
    images: {},
    screen: first ? { kind: 'STEP', id: stepId(first) } : { kind: 'STEP', id: 'REVIEW' },
    returnToReview: false,
    submissions: 0,
  };
}

export function stepsOf(state: FlowState): Step[] {
  return resolveSteps(state.session, state.choices);
}

/** Each image's share of the request, given the image steps the current choices lead to. */
export function budgetOf(state: FlowState): ImageBudget {
  return planBudget(Math.max(1, imageSteps(stepsOf(state)).length));
}

export function currentStep(state: FlowState): Step | undefined {
  const { screen } = state;
  if (screen.kind !== 'STEP') return undefined;
  return stepsOf(state).find((step) => stepId(step) === screen.id);
}

/** Whether the person may leave this step forward: a choice made, an image taken. */
export function isStepComplete(state: FlowState, step: Step): boolean {
  const choices = effectiveChoices(state.session, state.choices);
  switch (step.kind) {
    case 'INSTRUCTIONS':
      return true;
    case 'COUNTRY':
      return choices.country !== null;
    case 'DOCUMENT_TYPE':
      return choices.documentType !== null;
    case 'IMAGE':
      return step.name in state.images;
    case 'REVIEW':
      return imageSteps(stepsOf(state)).every((image) => image.name in state.images);
  }
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'NEXT': {
      const step = currentStep(state);
      if (!step || step.kind === 'REVIEW' || !isStepComplete(state, step)) return state;
      if (state.returnToReview) return { ...state, returnToReview: false, screen: { kind: 'STEP', id: 'REVIEW' } };
      return goTo(state, offset(state, step, +1));
    }
    case 'BACK': {
      const step = currentStep(state);
      if (!step) return state;
      if (state.returnToReview) return { ...state, returnToReview: false, screen: { kind: 'STEP', id: 'REVIEW' } };
      return goTo(state, offset(state, step, -1));
    }
    case 'CHOOSE_COUNTRY':
      if (state.session.country || currentStep(state)?.kind !== 'COUNTRY') return state;
      return withChoices(state, { ...state.choices, country: action.country.toUpperCase() });
    case 'CHOOSE_DOCUMENT': {
      const step = currentStep(state);
      if (step?.kind !== 'DOCUMENT_TYPE' || !step.documents.includes(action.documentType)) return state;
      return withChoices(state, { ...state.choices, documentType: action.documentType });
    }
    case 'SET_IMAGE': {
      const step = currentStep(state);
      if (step?.kind !== 'IMAGE' || step.name !== action.step) return state;
      return { ...state, images: { ...state.images, [action.step]: action.image } };
    }
    case 'CLEAR_IMAGE': {
      if (!(action.step in state.images)) return state;
      const { [action.step]: _removed, ...images } = state.images;
      return { ...state, images };
    }
    case 'RETAKE': {
      if (currentStep(state)?.kind !== 'REVIEW') return state;
      if (!imageSteps(stepsOf(state)).some((step) => step.name === action.step)) return state;
      return { ...state, returnToReview: true, screen: { kind: 'STEP', id: `IMAGE:${action.step}` } };
    }
    case 'SUBMIT': {
      const step = currentStep(state);
      if (step?.kind !== 'REVIEW' || !isStepComplete(state, step)) return state;
      const attempt = state.submissions + 1;
      return { ...state, submissions: attempt, screen: { kind: 'SUBMITTING', attempt, progress: 0 } };
    }
    case 'SUBMIT_PROGRESS':
      if (!isAttempt(state, action.attempt)) return state;
      return { ...state, screen: { kind: 'SUBMITTING', attempt: action.attempt, progress: clamp01(action.progress) } };
    case 'SUBMIT_SUCCEEDED':
      if (!isAttempt(state, action.attempt)) return state;
      return { ...state, screen: { kind: 'DONE', scanRef: action.scanRef } };
    case 'SUBMIT_FAILED':
      if (!isAttempt(state, action.attempt)) return state;
      return { ...state, screen: { kind: 'ERROR', error: action.error } };
    case 'DISMISS_ERROR': {
      if (state.screen.kind !== 'ERROR') return state;
      // An error naming a step takes the person straight to it, other images kept.
      const { step } = state.screen.error;
      const named = step && imageSteps(stepsOf(state)).some((image) => image.name === step);
      if (named) return { ...state, returnToReview: true, screen: { kind: 'STEP', id: `IMAGE:${step}` } };
      return { ...state, screen: { kind: 'STEP', id: 'REVIEW' } };
    }
  }
}

function isAttempt(state: FlowState, attempt: number): boolean {
  return state.screen.kind === 'SUBMITTING' && state.screen.attempt === attempt;
}

function offset(state: FlowState, from: Step, delta: 1 | -1): Step | undefined {
  const steps = stepsOf(state);
  return steps[steps.findIndex((step) => stepId(step) === stepId(from)) + delta];
}

function goTo(state: FlowState, step: Step | undefined): FlowState {
  return step ? { ...state, screen: { kind: 'STEP', id: stepId(step) } } : state;
}

/**
 * A new country or document changes which photos are wanted: photos of the old document are of no
 * use, and a step that no longer applies is dropped. The selfie survives when it still fits the new
 * budget (more steps mean a smaller share each).
 */
function withChoices(state: FlowState, choices: Choices): FlowState {
  const before = effectiveChoices(state.session, state.choices);
  const after = effectiveChoices(state.session, choices);
  const changed = before.country !== after.country || before.documentType !== after.documentType;
  if (!changed) return { ...state, choices };
  const next = { ...state, choices };
  const stillWanted = new Set(imageSteps(stepsOf(next)).map((step) => step.name));
  const budget = budgetOf(next);
  const images: Record<string, CapturedImage> = {};
  for (const [name, image] of Object.entries(state.images)) {
    const documentPhoto = name === 'FRONT' || name === 'BACK';
    if (!documentPhoto && stillWanted.has(name) && base64Length(image.bytes) <= budget.base64Chars) images[name] = image;
  }
  return { ...next, images };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
