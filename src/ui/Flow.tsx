import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { blobToBase64 } from '../compress/base64';
import { captureGuide } from '../core/captureGuide';
import { isOnboardingError, type OnboardingError } from '../core/errors';
import { budgetOf, currentStep, flowReducer, initialState, stepsOf, type FlowState } from '../core/flow';
import { effectiveChoices, imageSteps, stepId, type ImageStep, type Step } from '../core/steps';
import { buildSubmitBody } from '../core/submitBody';
import type { DocumentType, Session } from '../core/token';
import { sendSubmission } from '../submit/sendSubmission';
import { CountryScreen } from './screens/CountryScreen';
import { DocumentTypeScreen } from './screens/DocumentTypeScreen';
import { DoneScreen } from './screens/DoneScreen';
import { ErrorScreen } from './screens/ErrorScreen';
import { ImageStepScreen } from './screens/ImageStepScreen';
import { InstructionsScreen } from './screens/InstructionsScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { SubmittingScreen } from './screens/SubmittingScreen';
import type { CompleteEvent, StepChange } from './events';
import { stepWording } from './stepWording';

export interface FlowCallbacks {
  onComplete?: ((result: CompleteEvent) => void) | undefined;
  onError?: ((error: OnboardingError) => void) | undefined;
  onStepChange?: ((change: StepChange) => void) | undefined;
}

interface FlowProps extends FlowCallbacks {
  session: Session;
  submitUrl: string;
}

/** The flow for one session: the reducer decides, this component renders and runs the submit. */
export function Flow({ session, submitUrl, onComplete, onError, onStepChange }: FlowProps) {
  const { t, i18n } = useTranslation();
  const [state, dispatch] = useReducer(flowReducer, session, initialState);
  const step = currentStep(state);
  const steps = stepsOf(state);
  const { documentType } = effectiveChoices(state.session, state.choices);
  const locale = i18n.language;

  useSubmission(state, submitUrl, dispatch);
  useReport(state, step, { onComplete, onError, onStepChange });

  const back = useCallback(() => dispatch({ type: 'BACK' }), []);
  const next = useCallback(() => dispatch({ type: 'NEXT' }), []);
  const chooseCountry = useCallback((country: string) => dispatch({ type: 'CHOOSE_COUNTRY', country }), []);

  const { screen } = state;
  if (screen.kind === 'SUBMITTING') return <SubmittingScreen progress={screen.progress} />;
  if (screen.kind === 'DONE') return <DoneScreen scanRef={screen.scanRef} />;
  if (screen.kind === 'ERROR') return <FlowError state={state} error={screen.error} dispatch={dispatch} />;
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

function FlowError({ state, error, dispatch }: { state: FlowState; error: OnboardingError; dispatch: (action: Parameters<typeof flowReducer>[1]) => void }) {
  const { t, i18n } = useTranslation();
  const { documentType } = effectiveChoices(state.session, state.choices);
  const named = imageSteps(stepsOf(state)).find((image: ImageStep) => image.name === error.step);
  const stepTitle = named ? stepWording(t, named, documentType, i18n.language).title : undefined;
  const dismiss = () => dispatch({ type: 'DISMISS_ERROR' });
  const retry = () => {
    dispatch({ type: 'DISMISS_ERROR' });
    dispatch({ type: 'SUBMIT' });
  };
  switch (error.code) {
    case 'NETWORK':
    case 'SERVER':
    case 'RATE_LIMITED':
    case 'UNKNOWN':
      return <ErrorScreen error={error} action={{ label: t('actions.retry'), run: retry }} secondary={{ label: t('actions.backToReview'), run: dismiss }} />;
    case 'MISSING_IMAGE':
    case 'INVALID_VALUE':
    case 'REQUEST_TOO_LARGE':
      return <ErrorScreen error={error} stepTitle={stepTitle} action={{ label: named ? t('review.retake', { step: stepTitle }) : t('actions.backToReview'), run: dismiss }} />;
    default:
      // Expired, used or foreign token: nothing on this page can fix it; the text says where to go.
      return <ErrorScreen error={error} />;
  }
}

/**
 * Sends each submit attempt exactly once. The attempt number lives in the reducer state, so a
 * double click (the reducer ignores SUBMIT outside review), a re-render or React's strict-mode
 * double effect cannot start a second request for the same attempt.
 */
function useSubmission(state: FlowState, submitUrl: string, dispatch: (action: Parameters<typeof flowReducer>[1]) => void) {
  const started = useRef(0);
  const latest = useRef(state);
  latest.current = state;
  const attempt = state.screen.kind === 'SUBMITTING' ? state.screen.attempt : 0;

  useEffect(() => {
    if (attempt === 0 || started.current >= attempt) return;
    started.current = attempt;
    void (async () => {
      try {
        const body = await buildSubmitBody(latest.current, blobToBase64);
        const { scanRef } = await sendSubmission(submitUrl, body, {
          onProgress: (progress) => dispatch({ type: 'SUBMIT_PROGRESS', attempt, progress }),
        });
        dispatch({ type: 'SUBMIT_SUCCEEDED', attempt, scanRef });
      } catch (error) {
        const typed: OnboardingError = isOnboardingError(error) ? error : { code: 'UNKNOWN', detail: String(error) };
        dispatch({ type: 'SUBMIT_FAILED', attempt, error: typed });
      }
    })();
  }, [attempt, submitUrl, dispatch]);
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
