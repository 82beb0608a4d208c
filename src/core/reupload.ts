import type { FlowTarget } from './flow.ts';
import type { ReuploadSession } from './payload.ts';
import { resolveAdditionalSteps } from './steps.ts';
import type { ParseResult, Session, StepSettings, StepText } from './token.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a re-upload session handed over by a host before the flow trusts it. */
export function parseReuploadSession(input: unknown): ParseResult<ReuploadSession> {
  if (!isRecord(input)) return { ok: false, problem: 're-upload session is not an object' };
  const { reuploadToken, scanRef, step, texts, settings, expiryTime } = input;
  if (typeof reuploadToken !== 'string' || reuploadToken === '') return { ok: false, problem: 'reuploadToken missing' };
  if (typeof step !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(step)) return { ok: false, problem: 'step missing or not a step name' };
  return {
    ok: true,
    value: {
      reuploadToken,
      scanRef: typeof scanRef === 'string' ? scanRef : '',
      step,
      texts: isRecord(texts) ? (texts as Record<string, StepText>) : null,
      settings: isRecord(settings) ? (settings as Partial<StepSettings>) : null,
      expiryTime: typeof expiryTime === 'number' && Number.isFinite(expiryTime) && expiryTime > 0 ? expiryTime : 3600,
    },
  };
}

/**
 * The flow's session and target for a re-upload: the step resolved exactly as a token's additional
 * step would be (same defaults for missing settings), the re-upload token in `authToken`, and no
 * instructions, country or document to choose.
 */
export function reuploadFlow(reupload: ReuploadSession): { session: Session; target: FlowTarget } {
  const session: Session = {
    authToken: reupload.reuploadToken,
    scanRef: reupload.scanRef,
    documents: ['OTHER'],
    additionalSteps: { ALL: { ALL: { [reupload.step]: { ...(reupload.texts ? { texts: reupload.texts } : {}), ...(reupload.settings ? { settings: reupload.settings } : {}) } } } },
    utilityBill: null,
    locale: null,
    country: null,
    showInstructions: false,
    expiryTime: reupload.expiryTime,
    sessionLength: reupload.expiryTime,
  };
  const [step] = resolveAdditionalSteps(session, 'ALL', 'OTHER');
  if (!step) throw new Error('the re-upload step did not resolve');
  return { session, target: { kind: 'REUPLOAD', step } };
}
