import { budgetOf, stepsOf, type FlowState } from './flow';
import { JSON_OVERHEAD_BYTES } from './budget';
import { MAX_PROCESS_REQUEST_BYTES } from './limits';
import type { ReuploadBody, SubmitBody } from './payload';
import { effectiveChoices, imageSteps } from './steps';
import { isProcessImageKey, type ProcessImageKey } from './token';

/**
 * Builds the submit body from the flow's images, given a way to turn each into base64. Fails rather
 * than sending a request the vendor would refuse for its size.
 */
export async function buildSubmitBody(
  state: FlowState,
  toBase64: (blob: Blob) => Promise<string>,
): Promise<SubmitBody> {
  if (state.target.kind !== 'VERIFICATION') throw new Error('a re-upload flow has no verification body');
  const { country, documentType } = effectiveChoices(state.session, state.choices);
  if (!country || !documentType) throw new Error('country and document type must be chosen before submitting');
  const images: Record<ProcessImageKey, string | null> = { FRONT: null, BACK: null, FACE: null, UTILITY_BILL: null };
  const additionalImages: Record<string, string> = {};
  const budget = budgetOf(state);
  let total = 0;
  for (const step of imageSteps(stepsOf(state))) {
    const image = state.images[step.name];
    if (!image) throw new Error(`no image for step ${step.name}`);
    const base64 = await toBase64(image.blob);
    if (base64.length > budget.base64Chars) throw new Error(`image for ${step.name} is over its budget`);
    total += base64.length;
    if (isProcessImageKey(step.name)) images[step.name] = base64;
    else additionalImages[step.name] = base64;
  }
  if (total > MAX_PROCESS_REQUEST_BYTES - JSON_OVERHEAD_BYTES) throw new Error('images exceed the request limit');
  return { authToken: state.session.authToken, country, documentType, images, additionalImages };
}

/**
 * The re-upload body: the one image of the step the re-upload session names, with that session's
 * token (kept as the flow session's `authToken`).
 */
export async function buildReuploadBody(state: FlowState, toBase64: (blob: Blob) => Promise<string>): Promise<ReuploadBody> {
  if (state.target.kind !== 'REUPLOAD') throw new Error('not a re-upload flow');
  const image = state.images[state.target.step.name];
  if (!image) throw new Error(`no image for step ${state.target.step.name}`);
  const base64 = await toBase64(image.blob);
  if (base64.length > budgetOf(state).base64Chars) throw new Error(`image for ${state.target.step.name} is over its budget`);
  return { reuploadToken: state.session.authToken, image: base64 };
}
