import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../src/core/limits.ts';
import { PROCESS_IMAGE_KEYS, isProcessImageKey } from '../src/core/token.ts';
import type { AdditionalSteps, DocumentType, ProcessImageKey } from '../src/core/token.ts';
import { applicableAdditionalSteps } from '../src/core/additionalSteps.ts';
import { problem } from './errors.ts';
import type { Problem } from './errors.ts';
import type { ProcessRequest } from './vendorClient.ts';

/** What one submit body becomes: the `/process` request, then each custom step's upload. */
export interface Plan {
  process: ProcessRequest;
  additional: [step: string, image: string][];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Only what the vendor cannot check for us before the token is spent: every custom step of this
 * country and document is present, and nothing else is. A `/process` accepted with a custom step
 * missing would leave a verification that can never be completed with this token. Pure.
 */
export function planSubmission(body: Record<string, unknown>, authToken: string, additionalSteps: AdditionalSteps | null, processed: boolean): Plan | Problem {
  const { country, documentType, images } = body;
  if (typeof country !== 'string' || country === '') return problem('MISSING_VALUE', "No value provided for 'country'");
  if (typeof documentType !== 'string' || documentType === '') return problem('MISSING_VALUE', "No value provided for 'documentType'");
  if (!isRecord(images)) return problem('MISSING_VALUE', "No value provided for 'images'");
  for (const [key, value] of Object.entries(images)) {
    if (!isProcessImageKey(key)) return problem('INVALID_VALUE', `Unknown image key '${key}': custom additional steps go in 'additionalImages'`);
    if (value !== null && typeof value !== 'string') return problem('INVALID_VALUE', `Image for step '${key}' must be a base64 string or null`);
  }
  const expected = [...applicableAdditionalSteps(additionalSteps, country, documentType).keys()].filter((step) => !isProcessImageKey(step));
  const additional = customStepImages(body.additionalImages ?? {}, expected);
  if (!Array.isArray(additional)) return additional;

  const processImages = Object.fromEntries(PROCESS_IMAGE_KEYS.map((key) => [key, (images[key] as string | null | undefined) ?? null])) as Record<
    ProcessImageKey,
    string | null
  >;
  const process: ProcessRequest = { authToken, country, documentType: documentType as DocumentType, images: processImages };
  // The vendor would refuse it too, but only after the upload: refuse it here for free.
  if (!processed && Buffer.byteLength(JSON.stringify(process)) > MAX_PROCESS_REQUEST_BYTES) {
    return problem('REQUEST_TOO_LARGE', `The images for /process exceed the vendor's ${MAX_PROCESS_REQUEST_BYTES} bytes per request`);
  }
  return { process, additional };
}

function customStepImages(additionalImages: unknown, expected: string[]): Plan['additional'] | Problem {
  if (!isRecord(additionalImages)) return problem('INVALID_VALUE', "'additionalImages' must be an object of step name to base64");
  for (const [step, image] of Object.entries(additionalImages)) {
    if (isProcessImageKey(step)) return problem('INVALID_VALUE', `'${step}' belongs in 'images', not in 'additionalImages'`);
    if (!expected.includes(step)) return problem('INVALID_VALUE', `Step '${step}' is not an additional step of this verification`);
    const tooLarge = imageProblem(step, image);
    if (tooLarge) return tooLarge;
  }
  for (const step of expected) {
    if (!(step in additionalImages)) return problem('MISSING_VALUE', `No image provided for step '${step}'`);
  }
  return expected.map((step) => [step, additionalImages[step] as string]);
}

/** An additional step's image must be there, and within the vendor's per-image limit. */
export function imageProblem(step: string, image: unknown): Problem | null {
  if (typeof image !== 'string' || image === '') return problem('MISSING_VALUE', `No image provided for step '${step}'`);
  if (image.length > MAX_IMAGE_BASE64_CHARS) {
    return problem('IMAGE_TOO_LARGE', `Image for step '${step}' is ${image.length} characters long; the maximum is ${MAX_IMAGE_BASE64_CHARS}`);
  }
  return null;
}
