/**
 * The package's public API: the React component, its option and event types, and the pure helpers
 * a merchant may want on its own side (step resolution, budgets, error mapping). Importing it
 * brings the stylesheet along (the package's only side effect).
 */
import './ui/styles.css';

export { Onboarding, type OnboardingProps } from './ui/Onboarding.tsx';
export type { FlowCallbacks } from './ui/Flow.tsx';
export type { ColorScheme } from './ui/colorScheme.ts';
export type { StepChange, CompleteEvent, ExitEvent } from './ui/events.ts';
export type { Translations, UiLocale, WidgetLanguage } from './i18n/index.ts';
export { UI_LOCALES } from './i18n/index.ts';
export type { OnboardingError, ErrorCode } from './core/errors.ts';
export { mapErrorResponse, isOnboardingError } from './core/errors.ts';
export type { Session, TokenResponse, DocumentType, AdditionalSteps, AdditionalStepConfig, StepSettings, StepTexts } from './core/token.ts';
export { parseSession, toSession } from './core/token.ts';
export type { Step, ImageStep, Choices } from './core/steps.ts';
export { resolveSteps } from './core/steps.ts';
export type { SubmitBody, SubmitSuccess, VendorErrorBody, ReuploadSession } from './core/payload.ts';
export { planBudget, type ImageBudget } from './core/budget.ts';
export { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from './core/limits.ts';
