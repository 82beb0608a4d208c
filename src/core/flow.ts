import { planBudget, type ImageBudget } from './budget.ts';
import { isCountryCode } from './countries.ts';
import type { OnboardingError } from './errors.ts';
import { base64Length } from './limits.ts';
import { effectiveChoices, imageSteps, resolveSteps, stepId, type Choices, type ImageStep, type Step, type StepId } from './steps.ts';
import type { DocumentType, Session } from './token.ts';

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

/** What a submission is doing between the click and the answer; each has its own wording. */
export type SubmitPhase =
  /** Uploading (progress below 1) or waiting for the answer (progress 1). */
  | { kind: 'SENDING' }
  /** Asking the backend whether an earlier send arrived, instead of sending it all again. */
  | { kind: 'CHECKING' }
  | { kind: 'WAITING_FOR_NETWORK' }
  /** A pause before sending again by itself: retry `retry` of at most `of`. */
  | { kind: 'RETRYING'; retry: number; of: number; delayMs: number }
  /** The token expired: getting a new session for the same photos. */
  | { kind: 'RENEWING_SESSION' };

export type Screen =
  | { kind: 'STEP'; id: StepId }
  | { kind: 'SUBMITTING'; attempt: number; progress: number; phase: SubmitPhase }
  | { kind: 'DONE'; scanRef: string }
  | { kind: 'ERROR'; error: OnboardingError };

/**
 * What the flow collects images for: a whole verification, or one additional step of a
 * verification already submitted (re-upload mode, where the session's `authToken` is the
 * re-upload token the backend minted).
 */
export type FlowTarget = { kind: 'VERIFICATION' } | { kind: 'REUPLOAD'; step: ImageStep };

export interface FlowState {
  session: Session;
  /** When the widget obtained the session (ms since the epoch), for its expiry; null when unknown. */
  obtainedAt: number | null;
  target: FlowTarget;
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
  | { type: 'SUBMIT_PHASE'; attempt: number; phase: SubmitPhase }
  | { type: 'SESSION_RENEWED'; attempt: number; session: Session; obtainedAt: number }
  | { type: 'SUBMIT_SUCCEEDED'; attempt: number; scanRef: string }
  | { type: 'SUBMIT_FAILED'; attempt: number; error: OnboardingError }
  | { type: 'DISMISS_ERROR' }
  /** Browser history Back/Forward: to any step already reachable, never past an unfinished one. */
  | { type: 'GO_TO_STEP'; id: StepId }
  /** "Start over": every choice and image dropped, same session. */
  | { type: 'RESTART' };

export interface FlowOptions {
  obtainedAt?: number | null | undefined;
  target?: FlowTarget | undefined;
}

export function initialState(session: Session, options: FlowOptions = {}): FlowState {
  const choices: Choices = { country: null, documentType: null };
  const target = options.target ?? { kind: 'VERIFICATION' };
  const state: FlowState = {
    session,
    obtainedAt: options.obtainedAt ?? null,
    target,
    choices,
    images: {},
    screen: { kind: 'STEP', id: 'REVIEW' },
    returnToReview: false,
    submissions: 0,
  };
  const first = stepsOf(state)[0];
  return first ? { ...state, screen: { kind: 'STEP', id: stepId(first) } } : state;
}

/** What a resumable draft keeps of a flow: enough to put the person back where they were. */
export interface SavedFlow {
  choices: Choices;
  stepId: StepId;
  images: Readonly<Record<string, CapturedImage>>;
}

/**
 * A fresh flow with a saved draft laid over it, trusting nothing in the draft: a choice the
 * session no longer offers is dropped, an image for a step no longer wanted or over its budget is
 * dropped, and the person lands on the saved step only if every step before it is still done.
 */
export function restoreState(base: FlowState, saved: SavedFlow): FlowState {
  const country = typeof saved.choices.country === 'string' && isCountryCode(saved.choices.country) ? saved.choices.country : null;
  const documentType =
    saved.choices.documentType && (base.session.documents as string[]).includes(saved.choices.documentType) ? saved.choices.documentType : null;
  const chosen: FlowState = { ...base, choices: { country, documentType } };
  const wanted = new Set(imageSteps(stepsOf(chosen)).map((step) => step.name));
  const budget = budgetOf(chosen);
  const images: Record<string, CapturedImage> = {};
  for (const [name, image] of Object.entries(saved.images)) {
    if (wanted.has(name) && base64Length(image.bytes) <= budget.base64Chars) images[name] = image;
  }
  const restored: FlowState = { ...chosen, images };
  const id = isReachable(restored, saved.stepId) ? saved.stepId : firstUnfinished(restored);
  return { ...restored, screen: { kind: 'STEP', id } };
}

export function stepsOf(state: FlowState): Step[] {
  if (state.target.kind === 'REUPLOAD') return [state.target.step, { kind: 'REVIEW' }];
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
      return { ...state, submissions: attempt, screen: { kind: 'SUBMITTING', attempt, progress: 0, phase: { kind: 'SENDING' } } };
    }
    case 'SUBMIT_PROGRESS':
      if (!isAttempt(state, action.attempt)) return state;
      return { ...state, screen: { kind: 'SUBMITTING', attempt: action.attempt, progress: clamp01(action.progress), phase: { kind: 'SENDING' } } };
    case 'SUBMIT_PHASE':
      if (!isAttempt(state, action.attempt) || state.screen.kind !== 'SUBMITTING') return state;
      return { ...state, screen: { ...state.screen, phase: action.phase } };
    case 'SESSION_RENEWED': {
      if (!isAttempt(state, action.attempt)) return state;
      // A new token may offer other documents or steps: keep what still fits, and if something is
      // now missing, take the person to it rather than sending an incomplete verification.
      const renewed = keepFitting(state, { ...state, session: action.session, obtainedAt: action.obtainedAt });
      const review = stepsOf(renewed).find((step) => step.kind === 'REVIEW');
      if (review && isStepComplete(renewed, review)) return renewed;
      return { ...renewed, returnToReview: false, screen: { kind: 'STEP', id: firstUnfinished(renewed) } };
    }
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
    case 'GO_TO_STEP': {
      if (state.screen.kind !== 'STEP' || state.screen.id === action.id || !isReachable(state, action.id)) return state;
      return { ...state, returnToReview: false, screen: { kind: 'STEP', id: action.id } };
    }
    case 'RESTART':
      if (state.screen.kind === 'SUBMITTING' || state.screen.kind === 'DONE') return state;
      return { ...initialState(state.session, { obtainedAt: state.obtainedAt, target: state.target }), submissions: state.submissions };
  }
}

/** A step exists for the current choices and every step before it is done. */
export function isReachable(state: FlowState, id: StepId): boolean {
  const steps = stepsOf(state);
  const index = steps.findIndex((step) => stepId(step) === id);
  return index >= 0 && steps.slice(0, index).every((step) => isStepComplete(state, step));
}

/** The first step not yet done, or review when all are. */
export function firstUnfinished(state: FlowState): StepId {
  const steps = stepsOf(state);
  const open = steps.find((step) => step.kind !== 'REVIEW' && !isStepComplete(state, step)) ?? steps.at(-1);
  return open ? stepId(open) : 'REVIEW';
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

/**
 * The flow carried over to a new session: a document the new session does not offer is unchosen,
 * document photos go when the document in force changed (a country the new token presets, say),
 * and images of steps no longer wanted, or over the new budget, go too.
 */
function keepFitting(previous: FlowState, next: FlowState): FlowState {
  const documents = next.session.documents as string[];
  const documentType = next.choices.documentType && documents.includes(next.choices.documentType) ? next.choices.documentType : null;
  const chosen: FlowState = { ...next, choices: { ...next.choices, documentType } };
  const before = effectiveChoices(previous.session, previous.choices);
  const after = effectiveChoices(chosen.session, chosen.choices);
  const documentChanged = before.country !== after.country || before.documentType !== after.documentType;
  const wanted = new Set(imageSteps(stepsOf(chosen)).map((step) => step.name));
  const budget = budgetOf(chosen);
  const images: Record<string, CapturedImage> = {};
  for (const [name, image] of Object.entries(chosen.images)) {
    const documentPhoto = name === 'FRONT' || name === 'BACK';
    if (documentChanged && documentPhoto) continue;
    if (wanted.has(name) && base64Length(image.bytes) <= budget.base64Chars) images[name] = image;
  }
  return { ...chosen, images };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
