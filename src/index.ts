/**
 * The package's public API: the React component, its option and event types, and the pure helpers
 * a merchant may want on its own side (step resolution, budgets, error mapping). Importing it
 * brings the stylesheet along (the package's only side effect).
 */
import './ui/styles.css';

export { Onboarding, type OnboardingProps } from './ui/Onboarding';
export type { QualityGate } from './ui/qualityGate';
export type { UploadCheck, UploadFinding, UploadFindingCode } from './quality/uploadFindings';
export type { FlowCallbacks } from './ui/Flow';
export type { ColorScheme } from './ui/colorScheme';
export type { StepChange, CompleteEvent, ExitEvent } from './ui/events';
export type { Translations, UiLocale, WidgetLanguage } from './i18n';
export { UI_LOCALES } from './i18n';
export type { OnboardingError, ErrorCode } from './core/errors';
export { mapErrorResponse, isOnboardingError } from './core/errors';
export type { Session, TokenResponse, DocumentType, AdditionalSteps, AdditionalStepConfig, StepSettings, StepTexts } from './core/token';
export { parseSession, toSession } from './core/token';
export type { Step, ImageStep, Choices } from './core/steps';
export { resolveSteps } from './core/steps';
export type { SubmitBody, SubmitSuccess, VendorErrorBody, ReuploadSession } from './core/payload';
export { planBudget, type ImageBudget } from './core/budget';
export { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from './core/limits';
export { analyseDocumentImage, frameFromRgba, QUALITY_FAULTS, MAX_ANALYSIS_SIDE } from './quality';
export type { QualityReport, QualityFailure, QualityFault, DocumentKind, AnalyseOptions, QualityFrame } from './quality';
