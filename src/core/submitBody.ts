import { budgetOf, stepsOf, type FlowState } from './flow.ts';
import { JSON_OVERHEAD_BYTES } from './budget.ts';
import { MAX_PROCESS_REQUEST_BYTES, base64Length } from './limits.ts';
import type { ReuploadBody, SubmitBody } from './payload.ts';
import { effectiveChoices, imageSteps } from './steps.ts';
import { isProcessImageKey, type ProcessImageKey } from './token.ts';

/**
 * A request body as JSON text with holes: each image travels as `{ base64Of: blob }` and is
 * encoded only when the body is assembled, a slice at a time, so no whole copy of a 15 MB body
 * ever has to sit in the JavaScript heap of a phone.
 */
export type BodyPart = string | { base64Of: Blob };

/**
 * The submit body (the vendor's `/process` body plus `additionalImages`), with `image` standing in
 * for each image. Fails rather than shape a request the vendor would refuse for its size.
 */
function submitShape<T>(state: FlowState, image: (blob: Blob) => T): Omit<SubmitBody, 'images' | 'additionalImages'> & {
  images: Record<ProcessImageKey, T | null>;
  additionalImages: Record<string, T>;
} {
  if (state.target.kind !== 'VERIFICATION') throw new Error('a re-upload flow has no verification body');
  const { country, documentType } = effectiveChoices(state.session, state.choices);
  if (!country || !documentType) throw new Error('country and document type must be chosen before submitting');
  const images: Record<ProcessImageKey, T | null> = { FRONT: null, BACK: null, FACE: null, UTILITY_BILL: null };
  const additionalImages: Record<string, T> = {};
  const budget = budgetOf(state);
  let total = 0;
  for (const step of imageSteps(stepsOf(state))) {
    const captured = state.images[step.name];
    if (!captured) throw new Error(`no image for step ${step.name}`);
    const chars = base64Length(captured.blob.size);
    if (chars > budget.base64Chars) throw new Error(`image for ${step.name} is over its budget`);
    total += chars;
    if (isProcessImageKey(step.name)) images[step.name] = image(captured.blob);
    else additionalImages[step.name] = image(captured.blob);
  }
  if (total > MAX_PROCESS_REQUEST_BYTES - JSON_OVERHEAD_BYTES) throw new Error('images exceed the request limit');
  return { authToken: state.session.authToken, country, documentType, images, additionalImages };
}

/** The re-upload body with `image` for the one image of the step the re-upload session names. */
function reuploadShape<T>(state: FlowState, image: (blob: Blob) => T): Omit<ReuploadBody, 'image'> & { image: T } {
  if (state.target.kind !== 'REUPLOAD') throw new Error('not a re-upload flow');
  const captured = state.images[state.target.step.name];
  if (!captured) throw new Error(`no image for step ${state.target.step.name}`);
  if (base64Length(captured.blob.size) > budgetOf(state).base64Chars) throw new Error(`image for ${state.target.step.name} is over its budget`);
  return { reuploadToken: state.session.authToken, image: image(captured.blob) };
}

/** The body for this flow (a verification or a re-upload) as parts, ready to be assembled. */
export function requestBodyParts(state: FlowState): BodyPart[] {
  const blobs: Blob[] = [];
  // A control character cannot survive JSON.stringify unescaped, so the escaped marker is unambiguous.
  const marker = (blob: Blob) => `\u0001${blobs.push(blob) - 1}\u0001`;
  const shape = state.target.kind === 'REUPLOAD' ? reuploadShape(state, marker) : submitShape(state, marker);
  const json = JSON.stringify(shape);
  const parts: BodyPart[] = [];
  let at = 0;
  for (const match of json.matchAll(/\\u0001(\d+)\\u0001/g)) {
    parts.push(json.slice(at, match.index));
    parts.push({ base64Of: blobs[Number(match[1])]! });
    at = match.index + match[0].length;
  }
  parts.push(json.slice(at));
  return parts.filter((part) => part !== '');
}

/** The submit body as an object, each image encoded by `toBase64` (for callers that want it whole). */
export async function buildSubmitBody(state: FlowState, toBase64: (blob: Blob) => Promise<string>): Promise<SubmitBody> {
  const shape = submitShape(state, (blob) => blob);
  const encode = async <K extends string>(record: Record<K, Blob | null>) =>
    Object.fromEntries(await Promise.all(Object.entries<Blob | null>(record).map(async ([key, blob]) => [key, blob ? await toBase64(blob) : null]))) as Record<K, string>;
  return { ...shape, images: await encode(shape.images), additionalImages: await encode(shape.additionalImages) };
}

/** The re-upload body as an object, its image encoded by `toBase64`. */
export async function buildReuploadBody(state: FlowState, toBase64: (blob: Blob) => Promise<string>): Promise<ReuploadBody> {
  const shape = reuploadShape(state, (blob) => blob);
  return { ...shape, image: await toBase64(shape.image) };
}
