import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../src/core/limits.ts';
import type { AdditionalSteps } from '../src/core/token.ts';
import { customStepNames } from './additionalSteps.ts';
import type { MerchantConfig } from './config.ts';

/**
 * Room for everything in a submit body that is not image data. Equal to the widget's
 * `JSON_OVERHEAD_BYTES` (src/core/budget.ts, checked by a test); not imported, because budget.ts
 * is not written for Vite's native config loader, which loads this file too.
 */
export const SUBMIT_JSON_SLACK_BYTES = 64 * 1024;

/**
 * The largest `/api/submit` body accepted: one full `/process` request, plus one maximal image per
 * custom step the configured tokens can ask for (those travel in the same body and are forwarded
 * separately), plus the JSON overhead the widget's budget reserves. Known from the configuration
 * alone, so it can be enforced before the body (and so the token inside it) is read.
 */
export function submitBodyCap(config: MerchantConfig): number {
  const customSteps = customStepNames(config.tokenDefaults.additionalSteps as AdditionalSteps | undefined).length;
  return MAX_PROCESS_REQUEST_BYTES + MAX_IMAGE_BASE64_CHARS * customSteps + SUBMIT_JSON_SLACK_BYTES;
}
