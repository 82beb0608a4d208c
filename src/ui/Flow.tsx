import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from '../i18n/react.tsx';
import { isolate } from '../core/bidi.ts';
import { captureGuide } from '../core/captureGuide.ts';
import type { OnboardingError } from '../core/errors.ts';
import { sessionDeadline } from '../core/expiry.ts';
import {
  budgetOf,
  currentStep,
  flowReducer,
  initialState,
  restoreState,
  stepsOf,
  type FlowAction,
  type FlowState,
  type FlowTarget,
  type SavedFlow,
} from '../core/flow.ts';
import { effectiveChoices, imageSteps, stepId, type ImageStep, type Step } from '../core/steps.ts';
import type { DocumentType, Session } from '../core/token.ts';
import type { DraftStore } from '../resume/draftStore.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { CountryScreen } from './screens/CountryScreen.tsx';
import { DocumentTypeScreen } from './screens/DocumentTypeScreen.tsx';
import { DoneScreen } from './screens/DoneScreen.tsx';
import { ErrorScreen } from './screens/ErrorScreen.tsx';
import { ImageStepScreen } from './screens/ImageStepScreen.tsx';
import { InstructionsScreen } from './screens/InstructionsScreen.tsx';
import { ReviewScreen } from './screens/ReviewScreen.tsx';
import { SubmittingScreen } from './screens/SubmittingScreen.tsx';
import type { CompleteEvent, StepChange } from './events.ts';
import { SessionTimeNotice } from './SessionTimeNotice.tsx';
import { RestoredNotice, StartOver } from './StartOver.tsx';
import { stepWording } from './stepWording.ts';
import { useDraftPersistence } from './useDraftPersistence.ts';
import { useLeaveWarning } from './useLeaveWarning.ts';
import { useStepHistory } from './useStepHistory.ts';
import { useSubmission } from './useSubmission.ts';

export interface FlowCallbacks {
  onComplete?: ((result: CompleteEvent) => void) | undefined;
  onError?: ((error: OnboardingError) => void) | undefined;
  onStepChange?: ((change: StepChange) => void) | undefined;
}

interface FlowProps extends FlowCallbacks {
  session: Session;
  submitUrl: string;
  /** Where a re-upload is sent. Default `/api/reupload`. */
  reuploadUrl?: string | undefined;
  /** A whole verification (default) or one additional step of a submitted one. */
  target?: FlowTarget | undefined;
  /** When the session was obtained (ms since the epoch), for its expiry. */
  obtainedAt?: number | null | undefined;
  /** Gets a new session for the same photos when the token expired; absent when none can be had. */
  renewSession?: (() => Promise<Session>) | undefined;
  /** Where the resumable draft lives; null when resume is off. */
  draftStore?: DraftStore | null | undefined;
  /** What an earlier page left in the draft, laid over the fresh flow. */
  restored?: SavedFlow | null | undefined;
  /** The session itself came from the draft: an earlier page may already have sent it. */
  resumed?: boolean | undefined;
  /** Browser Back/Forward move between steps. */
  browserHistory?: boolean | undefined;
}

function startState(props: FlowProps): FlowState {
  const fresh = initialState(props.session, { obtainedAt: props.obtainedAt ?? null, target: props.target });
  return props.restored ? restoreState(fresh, props.restored) : fresh;
}

/**
 * The flow for one session: the reducer decides; this component runs the submission, keeps the
 * draft and the browser history in step, and frames the screen with the connection and
 * session-time lines.
 */
export function Flow(props: FlowProps) {
  const { submitUrl, reuploadUrl = '/api/reupload', renewSession, draftStore = null, resumed = false, onComplete, onError, onStepChange } = props;
  const [state, dispatch] = useReducer(flowReducer, props, startState);
  const step = currentStep(state);
  const { screen, session, obtainedAt } = state;

  useSubmission(state, dispatch, { submitUrl, reuploadUrl, renewSession, resumed });
  useReport(state, step, { onComplete, onError, onStepChange });
  useDraftPersistence(state, draftStore);
  useStepHistory(state, dispatch, props.browserHistory ?? false);
  useLeaveWarning(screen.kind === 'SUBMITTING');

  // "We kept your progress" stays until the person moves on from the screen they came back to.
  const [restoredAt] = useState(() => (hasProgress(state) && props.restored ? (screen.kind === 'STEP' ? screen.id : null) : null));
  const onStep = screen.kind === 'STEP';
  const lengthMs = Math.min(session.expiryTime, session.sessionLength) * 1000;
  return (
    <>
      {/* While sending, the screen itself says what the connection is doing. */}
      {screen.kind !== 'SUBMITTING' && <ConnectionStatus />}
      {onStep && obtainedAt !== null && (
        <SessionTimeNotice deadline={sessionDeadline(session, obtainedAt)} lengthMs={lengthMs} renewable={Boolean(renewSession)} />
      )}
      {onStep && restoredAt !== null && screen.id === restoredAt && <RestoredNotice />}
      <FlowScreen state={state} dispatch={dispatch} renewable={Boolean(renewSession)} />
      {/* Offered once there are photos to lose; choices alone are quicker to make again than to confirm. */}
      {onStep && state.target.kind === 'VERIFICATION' && Object.keys(state.images).length > 0 && <StartOver onConfirm={() => dispatch({ type: 'RESTART' })} />}
    </>
  );
}

const hasProgress = (state: FlowState) =>
  Object.keys(state.images).length > 0 || state.choices.country !== null || state.choices.documentType !== null;

function FlowScreen({ state, dispatch, renewable }: { state: FlowState; dispatch: (action: FlowAction) => void; renewable: boolean }) {
  const { t, i18n } = useTranslation();
  const step = currentStep(state);
  const steps = stepsOf(state);
  const { documentType } = effectiveChoices(state.session, state.choices);
  const locale = i18n.language;

  const back = useCallback(() => dispatch({ type: 'BACK' }), []);
  const next = useCallback(() => dispatch({ type: 'NEXT' }), []);
  const chooseCountry = useCallback((country: string) => dispatch({ type: 'CHOOSE_COUNTRY', country }), []);

  const { screen } = state;
  if (screen.kind === 'SUBMITTING') return <SubmittingScreen progress={screen.progress} phase={screen.phase} />;
  if (screen.kind === 'DONE') return <DoneScreen scanRef={screen.scanRef} />;
  if (screen.kind === 'ERROR') return <FlowError state={state} error={screen.error} dispatch={dispatch} renewable={renewable} />;
  if (!step) return null;

  const index = steps.findIndex((candidate) => stepId(candidate) === stepId(step));
  const known = steps.at(-1)?.kind === 'REVIEW';
  // The total is only shown once the choices have fixed it, so it never jumps from 3 to 7.
  const eyebrow = known ? t('app.stepOf', { current: index + 1, total: steps.length }) : undefined;
  const onBack = index > 0 || state.returnToReview ? back : undefined;

  switch (step.kind) {
    case 'INSTRUCTIONS':
      return <InstructionsScreen eyebrow={eyebrow} onStart={next} />;
    case 'COUNTRY':
      return (
        <CountryScreen eyebrow={eyebrow} country={state.choices.country} onChoose={chooseCountry} onContinue={next} onBack={onBack} />
      );
    case 'DOCUMENT_TYPE':
      return (
        <DocumentTypeScreen
          eyebrow={eyebrow}
          documents={step.documents}
          selected={documentType}
          onChoose={(chosen: DocumentType) => dispatch({ type: 'CHOOSE_DOCUMENT', documentType: chosen })}
          onContinue={next}
          onBack={onBack}
        />
      );
    case 'IMAGE':
      return (
        <ImageStepScreen
          key={step.name}
          eyebrow={eyebrow}
          step={step}
          wording={stepWording(t, step, documentType, locale)}
          capture={captureGuide(step.role, documentType)}
          image={state.images[step.name]}
          budgetBytes={budgetOf(state).bytes}
          onImage={(image) => dispatch({ type: 'SET_IMAGE', step: step.name, image })}
          onContinue={next}
          onBack={onBack}
          backLabel={state.returnToReview ? t('actions.backToReview') : undefined}
        />
      );
    case 'REVIEW':
      return (
        <ReviewScreen
          eyebrow={eyebrow}
          items={imageSteps(steps).map((image) => ({
            name: image.name,
            title: stepWording(t, image, documentType, locale).title,
            image: state.images[image.name],
          }))}
          onRetake={(name) => dispatch({ type: 'RETAKE', step: name })}
          onSubmit={() => dispatch({ type: 'SUBMIT' })}
          onBack={onBack}
        />
      );
  }
}

function FlowError({ state, error, dispatch, renewable }: { state: FlowState; error: OnboardingError; dispatch: (action: FlowAction) => void; renewable: boolean }) {
  const { t, i18n } = useTranslation();
  const { documentType } = effectiveChoices(state.session, state.choices);
  const named = imageSteps(stepsOf(state)).find((image: ImageStep) => image.name === error.step);
  const stepTitle = named ? stepWording(t, named, documentType, i18n.language).title : undefined;
  const dismiss = () => dispatch({ type: 'DISMISS_ERROR' });
  const retry = () => {
    dispatch({ type: 'DISMISS_ERROR' });
    dispatch({ type: 'SUBMIT' });
  };
  const retryable = { label: t('actions.retry'), run: retry };
  switch (error.code) {
    case 'NETWORK':
    case 'SERVER':
    case 'RATE_LIMITED':
    case 'SESSION_FAILED':
    case 'UNKNOWN':
      return <ErrorScreen error={error} action={retryable} secondary={{ label: t('actions.backToReview'), run: dismiss }} />;
    case 'TOKEN_EXPIRED':
      // Sending again gets a new session first; without a way to one, the text says where to go.
      return renewable ? <ErrorScreen error={error} action={retryable} /> : <ErrorScreen error={error} />;
    case 'MISSING_IMAGE':
    case 'INVALID_IMAGE':
    case 'INVALID_VALUE':
    case 'REQUEST_TOO_LARGE':
      return <ErrorScreen error={error} stepTitle={stepTitle} action={{ label: named ? t('review.retake', { step: isolate(stepTitle ?? '') }) : t('actions.backToReview'), run: dismiss }} />;
    default:
      // Used or foreign token: nothing on this page can fix it; the text says where to go.
      return <ErrorScreen error={error} />;
  }
}

/** Tells the host what happened, once per change, with no images or token in what it hands over. */
function useReport(state: FlowState, step: Step | undefined, callbacks: FlowCallbacks) {
  const latest = useRef(callbacks);
  latest.current = callbacks;
  const { screen } = state;
  const key = screen.kind === 'STEP' ? screen.id : screen.kind === 'SUBMITTING' ? `SUBMITTING:${screen.attempt}` : screen.kind;

  useEffect(() => {
    latest.current.onStepChange?.({
      screen: screen.kind,
      ...(step ? { step: step.kind } : {}),
      ...(step?.kind === 'IMAGE' ? { stepName: step.name } : {}),
    });
    if (screen.kind === 'DONE') latest.current.onComplete?.({ scanRef: screen.scanRef });
    if (screen.kind === 'ERROR') latest.current.onError?.(screen.error);
    // Only a change of screen is news; progress ticks are not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
