import { applicableAdditionalSteps } from './additionalSteps.ts';
import type { DocumentType, Session, StepSettings, StepTexts } from './token.ts';

/** Which part of the person or document an image step shows; decides the wording and later the camera. */
export type ImageRole = 'DOCUMENT_FRONT' | 'DOCUMENT_BACK' | 'FACE' | 'UTILITY_BILL' | 'ADDITIONAL';

export interface ImageStep {
  kind: 'IMAGE';
  /** The image key on the wire: FRONT, BACK, FACE, UTILITY_BILL or a custom additional step name. */
  name: string;
  role: ImageRole;
  settings: StepSettings;
  /** Merchant texts of an additional step; built-in wording is used when absent. */
  texts: StepTexts | null;
}

export type Step =
  | { kind: 'INSTRUCTIONS' }
  | { kind: 'COUNTRY' }
  | { kind: 'DOCUMENT_TYPE'; documents: DocumentType[] }
  | ImageStep
  | { kind: 'REVIEW' };

export type StepId = 'INSTRUCTIONS' | 'COUNTRY' | 'DOCUMENT_TYPE' | 'REVIEW' | `IMAGE:${string}`;

export function stepId(step: Step): StepId {
  return step.kind === 'IMAGE' ? `IMAGE:${step.name}` : step.kind;
}

export interface Choices {
  country: string | null;
  documentType: DocumentType | null;
}

/** Document photos may come from a file or the camera; PDFs only where a merchant step allows it. */
const DOCUMENT_SETTINGS: StepSettings = { canUpload: true, canCapture: true, canUploadPDF: false };

/** Settings the spec implies when a merchant leaves some out: any way of taking a photo, no PDF. */
const CUSTOM_STEP_DEFAULTS: StepSettings = { canUpload: true, canCapture: true, canUploadPDF: false };

/** The utility bill `utilityBill: true` adds, with the vendor's own settings from its example. */
const UTILITY_BILL_SETTINGS: StepSettings = { canUpload: true, canCapture: false, canUploadPDF: true };

/**
 * The country and document type in force: what the token presets wins over what the person picked,
 * and a single offered document needs no choice.
 */
export function effectiveChoices(session: Session, choices: Choices): Choices {
  const documents = session.documents as DocumentType[];
  return {
    country: session.country ?? choices.country,
    documentType: documents.length === 1 ? (documents[0] ?? null) : choices.documentType,
  };
}

/**
 * Every step for this session and these choices, in order. Steps that depend on a choice not yet
 * made are left out until it is made; the list only grows as the person moves forward.
 */
export function resolveSteps(session: Session, choices: Choices): Step[] {
  const steps: Step[] = [];
  const { country, documentType } = effectiveChoices(session, choices);
  const documents = session.documents as DocumentType[];
  if (session.showInstructions) steps.push({ kind: 'INSTRUCTIONS' });
  if (!session.country) steps.push({ kind: 'COUNTRY' });
  if (documents.length > 1) steps.push({ kind: 'DOCUMENT_TYPE', documents });
  if (!country || !documentType) return steps;

  steps.push(documentStep('FRONT', 'DOCUMENT_FRONT'));
  if (documentType !== 'PASSPORT') steps.push(documentStep('BACK', 'DOCUMENT_BACK'));
  steps.push({ kind: 'IMAGE', name: 'FACE', role: 'FACE', settings: { canUpload: true, canCapture: true, canUploadPDF: false }, texts: null });
  steps.push(...resolveAdditionalSteps(session, country, documentType));
  steps.push({ kind: 'REVIEW' });
  return steps;
}

function documentStep(name: 'FRONT' | 'BACK', role: ImageRole): ImageStep {
  return { kind: 'IMAGE', name, role, settings: DOCUMENT_SETTINGS, texts: null };
}

/** The additional steps for this country and document, as image steps with their settings filled in. */
export function resolveAdditionalSteps(session: Session, country: string, documentType: DocumentType): ImageStep[] {
  const byName = applicableAdditionalSteps(session.additionalSteps, country, documentType);
  if (session.utilityBill && !byName.has('UTILITY_BILL')) byName.set('UTILITY_BILL', { settings: UTILITY_BILL_SETTINGS });
  // With `utilityBill: true` the UTILITY_BILL texts are the vendor's stock ones (a token request
  // cannot carry both that and `additionalSteps`, so no merchant wrote them): machine-translated,
  // and missing et, sv and bg, where English would show. Our own wording exists in every locale.

  return [...byName].map(([name, config]) => ({
    kind: 'IMAGE',
    name,
    role: name === 'UTILITY_BILL' ? 'UTILITY_BILL' : 'ADDITIONAL',
    settings: { ...(name === 'UTILITY_BILL' ? UTILITY_BILL_SETTINGS : CUSTOM_STEP_DEFAULTS), ...definedOnly(config.settings) },
    texts: name === 'UTILITY_BILL' && session.utilityBill === true ? null : (config.texts ?? null),
  }));
}

function definedOnly(settings: Partial<StepSettings> | undefined): Partial<StepSettings> {
  const result: Partial<StepSettings> = {};
  for (const key of ['canUpload', 'canCapture', 'canUploadPDF'] as const) {
    const value = settings?.[key];
    if (typeof value === 'boolean') result[key] = value;
  }
  return result;
}

export function imageSteps(steps: readonly Step[]): ImageStep[] {
  return steps.filter((step): step is ImageStep => step.kind === 'IMAGE');
}
