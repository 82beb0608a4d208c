import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetOf, currentStep, flowReducer, initialState, isReachable, restoreState, type CapturedImage, type FlowAction, type FlowState } from '../../src/core/flow.ts';
import { buildSubmitBody } from '../../src/core/submitBody.ts';
import { base64Length } from '../../src/core/limits.ts';
import { makeSession } from './arbitraries.ts';

const image = (bytes = 1000): CapturedImage => ({ blob: new Blob(['x']), mediaType: 'image/jpeg', bytes, width: 10, height: 10 });
const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, state);
const screenId = (state: FlowState) => (state.screen.kind === 'STEP' ? state.screen.id : state.screen.kind);

function atReview(overrides = {}) {
  return run(
    initialState(makeSession(overrides)),
    { type: 'NEXT' },
    { type: 'CHOOSE_COUNTRY', country: 'lt' },
    { type: 'NEXT' },
    { type: 'CHOOSE_DOCUMENT', documentType: 'ID_CARD' },
    { type: 'NEXT' },
    { type: 'SET_IMAGE', step: 'FRONT', image: image() },
    { type: 'NEXT' },
    { type: 'SET_IMAGE', step: 'BACK', image: image() },
    { type: 'NEXT' },
    { type: 'SET_IMAGE', step: 'FACE', image: image() },
    { type: 'NEXT' },
  );
}

describe('flowReducer', () => {
  it('walks every step to review', () => {
    const state = atReview();
    expect(screenId(state)).toBe('REVIEW');
    expect(state.choices).toEqual({ country: 'LT', documentType: 'ID_CARD' });
    expect(Object.keys(state.images)).toEqual(['FRONT', 'BACK', 'FACE']);
  });

  it('does not move forward from a step that is not done', () => {
    const start = run(initialState(makeSession()), { type: 'NEXT' });
    expect(screenId(start)).toBe('COUNTRY');
    expect(screenId(run(start, { type: 'NEXT' }))).toBe('COUNTRY');
  });

  it('ignores an image for a step that is not on screen', () => {
    const start = initialState(makeSession());
    expect(run(start, { type: 'SET_IMAGE', step: 'FACE', image: image() })).toBe(start);
  });

  it('retakes from review and comes back to review', () => {
    const review = atReview();
    const retaking = run(review, { type: 'RETAKE', step: 'BACK' });
    expect(screenId(retaking)).toBe('IMAGE:BACK');
    const replaced = image(2000);
    const back = run(retaking, { type: 'SET_IMAGE', step: 'BACK', image: replaced }, { type: 'NEXT' });
    expect(screenId(back)).toBe('REVIEW');
    expect(back.images.BACK).toBe(replaced);
    expect(back.images.FRONT).toBe(review.images.FRONT);
  });

  it('drops document photos but keeps the selfie when the document changes', () => {
    const review = atReview();
    const changed = run(review, { type: 'BACK' }, { type: 'BACK' }, { type: 'BACK' }, { type: 'BACK' }, { type: 'CHOOSE_DOCUMENT', documentType: 'PASSPORT' });
    expect(screenId(changed)).toBe('DOCUMENT_TYPE');
    expect(Object.keys(changed.images)).toEqual(['FACE']);
  });

  it('submits once per attempt and ignores late answers of an old attempt', () => {
    const submitting = run(atReview(), { type: 'SUBMIT' });
    expect(submitting.screen).toEqual({ kind: 'SUBMITTING', attempt: 1, progress: 0, phase: { kind: 'SENDING' } });
    expect(run(submitting, { type: 'SUBMIT' })).toBe(submitting);
    const failed = run(submitting, { type: 'SUBMIT_FAILED', attempt: 1, error: { code: 'NETWORK' } });
    const second = run(failed, { type: 'DISMISS_ERROR' }, { type: 'SUBMIT' });
    expect(second.screen).toMatchObject({ kind: 'SUBMITTING', attempt: 2 });
    expect(run(second, { type: 'SUBMIT_SUCCEEDED', attempt: 1, scanRef: 'old' })).toBe(second);
    expect(run(second, { type: 'SUBMIT_SUCCEEDED', attempt: 2, scanRef: 'new' }).screen).toEqual({ kind: 'DONE', scanRef: 'new' });
  });

  it('takes the person to the step a vendor error names, other images kept', () => {
    const failed = run(atReview(), { type: 'SUBMIT' }, { type: 'SUBMIT_FAILED', attempt: 1, error: { code: 'MISSING_IMAGE', step: 'BACK' } });
    const dismissed = run(failed, { type: 'DISMISS_ERROR' });
    expect(screenId(dismissed)).toBe('IMAGE:BACK');
    expect(Object.keys(dismissed.images)).toHaveLength(3);
    expect(screenId(run(dismissed, { type: 'NEXT' }))).toBe('REVIEW');
  });

  it('refuses to submit with an image missing', () => {
    const review = atReview({ utilityBill: true });
    expect(currentStep(review)?.kind).toBe('IMAGE');
    expect(run(review, { type: 'SUBMIT' })).toBe(review);
  });

  it('never leaves the known screens, whatever the person does', () => {
    const actions: fc.Arbitrary<FlowAction> = fc.oneof(
      fc.constant<FlowAction>({ type: 'NEXT' }),
      fc.constant<FlowAction>({ type: 'BACK' }),
      fc.constant<FlowAction>({ type: 'SUBMIT' }),
      fc.constant<FlowAction>({ type: 'DISMISS_ERROR' }),
      fc.constantFrom('FRONT', 'BACK', 'FACE', 'UTILITY_BILL').map<FlowAction>((step) => ({ type: 'SET_IMAGE', step, image: image() })),
      fc.constantFrom('FRONT', 'BACK', 'FACE').map<FlowAction>((step) => ({ type: 'RETAKE', step })),
      fc.constantFrom('INSTRUCTIONS', 'COUNTRY', 'DOCUMENT_TYPE', 'IMAGE:FRONT', 'IMAGE:BACK', 'IMAGE:FACE', 'IMAGE:UTILITY_BILL', 'REVIEW').map<FlowAction>(
        (id) => ({ type: 'GO_TO_STEP', id: id as never }),
      ),
      fc.constant<FlowAction>({ type: 'RESTART' }),
      fc.constantFrom('LT', 'DE').map<FlowAction>((country) => ({ type: 'CHOOSE_COUNTRY', country })),
      fc.constantFrom('ID_CARD' as const, 'PASSPORT' as const).map<FlowAction>((documentType) => ({ type: 'CHOOSE_DOCUMENT', documentType })),
    );
    fc.assert(
      fc.property(fc.array(actions, { maxLength: 40 }), fc.boolean(), (sequence, utilityBill) => {
        let state = initialState(makeSession({ utilityBill }));
        for (const action of sequence) {
          state = flowReducer(state, action);
          if (state.screen.kind === 'STEP') {
            expect(currentStep(state)).toBeDefined();
            // Whatever the order of moves, the person never stands past a step that is not done.
            expect(isReachable(state, state.screen.id)).toBe(true);
          }
          for (const kept of Object.values(state.images)) expect(base64Length(kept.bytes)).toBeLessThanOrEqual(budgetOf(state).base64Chars);
        }
      }),
    );
  });
});

describe('submission phases and session renewal', () => {
  const renewed = (overrides = {}) => makeSession({ authToken: 'TOKEN456', ...overrides });

  it('reports phases only for the attempt in flight', () => {
    const submitting = run(atReview(), { type: 'SUBMIT' });
    const waiting = run(submitting, { type: 'SUBMIT_PHASE', attempt: 1, phase: { kind: 'WAITING_FOR_NETWORK' } });
    expect(waiting.screen).toMatchObject({ kind: 'SUBMITTING', phase: { kind: 'WAITING_FOR_NETWORK' } });
    expect(run(waiting, { type: 'SUBMIT_PHASE', attempt: 7, phase: { kind: 'CHECKING' } })).toBe(waiting);
    expect(run(waiting, { type: 'SUBMIT_PROGRESS', attempt: 1, progress: 0.5 }).screen).toMatchObject({ progress: 0.5, phase: { kind: 'SENDING' } });
  });

  it('carries every image over to a renewed session with the same settings and keeps submitting', () => {
    const submitting = run(atReview(), { type: 'SUBMIT' });
    const next = run(submitting, { type: 'SESSION_RENEWED', attempt: 1, session: renewed(), obtainedAt: 99 });
    expect(next.session.authToken).toBe('TOKEN456');
    expect(next.obtainedAt).toBe(99);
    expect(next.images).toEqual(submitting.images);
    expect(next.screen).toMatchObject({ kind: 'SUBMITTING', attempt: 1 });
  });

  it('takes the person to what a renewed session newly asks for, keeping the rest', () => {
    const submitting = run(atReview(), { type: 'SUBMIT' });
    const next = run(submitting, { type: 'SESSION_RENEWED', attempt: 1, session: renewed({ utilityBill: true }), obtainedAt: 1 });
    expect(screenId(next)).toBe('IMAGE:UTILITY_BILL');
    expect(Object.keys(next.images).sort()).toEqual(['BACK', 'FACE', 'FRONT']);
  });

  it('drops the document photos when the renewed session presets another country', () => {
    const submitting = run(atReview(), { type: 'SUBMIT' });
    const next = run(submitting, { type: 'SESSION_RENEWED', attempt: 1, session: renewed({ country: 'LV' }), obtainedAt: 1 });
    expect(Object.keys(next.images)).toEqual(['FACE']);
    expect(screenId(next)).toBe('IMAGE:FRONT');
  });

  it('ignores a renewal for an attempt no longer in flight', () => {
    const review = atReview();
    expect(run(review, { type: 'SESSION_RENEWED', attempt: 1, session: renewed(), obtainedAt: 1 })).toBe(review);
  });
});

describe('history moves, start over and restore', () => {
  it('goes back to any earlier step and forward only as far as the steps are done', () => {
    const review = atReview();
    const atCountry = run(review, { type: 'GO_TO_STEP', id: 'COUNTRY' });
    expect(screenId(atCountry)).toBe('COUNTRY');
    expect(Object.keys(atCountry.images)).toHaveLength(3);
    expect(screenId(run(atCountry, { type: 'GO_TO_STEP', id: 'REVIEW' }))).toBe('REVIEW');
    const early = run(initialState(makeSession()), { type: 'NEXT' });
    expect(run(early, { type: 'GO_TO_STEP', id: 'IMAGE:FRONT' })).toBe(early);
    expect(run(early, { type: 'GO_TO_STEP', id: 'REVIEW' })).toBe(early);
  });

  it('does not move while submitting', () => {
    const submitting = run(atReview(), { type: 'SUBMIT' });
    expect(run(submitting, { type: 'GO_TO_STEP', id: 'COUNTRY' })).toBe(submitting);
    expect(run(submitting, { type: 'RESTART' })).toBe(submitting);
  });

  it('starts over with the same session and nothing kept, attempts still counted', () => {
    const failed = run(atReview(), { type: 'SUBMIT' }, { type: 'SUBMIT_FAILED', attempt: 1, error: { code: 'INVALID_VALUE' } });
    const fresh = run(failed, { type: 'RESTART' });
    expect(fresh.images).toEqual({});
    expect(fresh.choices).toEqual({ country: null, documentType: null });
    expect(screenId(fresh)).toBe('INSTRUCTIONS');
    expect(fresh.session).toBe(failed.session);
    expect(fresh.submissions).toBe(1);
  });

  it('restores a draft where it was, trusting nothing in it', () => {
    const review = atReview();
    const base = initialState(review.session, { obtainedAt: 5 });
    const restored = restoreState(base, { choices: review.choices, stepId: 'REVIEW', images: review.images });
    expect(screenId(restored)).toBe('REVIEW');
    expect(restored.images).toEqual(review.images);
    expect(restored.obtainedAt).toBe(5);

    const { BACK: _back, ...withoutBack } = review.images;
    expect(screenId(restoreState(base, { choices: review.choices, stepId: 'REVIEW', images: withoutBack }))).toBe('IMAGE:BACK');
    const tampered = restoreState(base, {
      choices: { country: 'XX', documentType: 'OTHER' },
      stepId: 'IMAGE:FACE',
      images: { ...review.images, SOMETHING: image(), FACE: image(50_000_000) },
    });
    expect(tampered.choices).toEqual({ country: null, documentType: null });
    expect(tampered.images).toEqual({});
    expect(screenId(tampered)).toBe('COUNTRY');
  });
});

describe('re-upload mode', () => {
  const step = { kind: 'IMAGE', name: 'UTILITY_BILL', role: 'UTILITY_BILL', settings: { canUpload: true, canCapture: false, canUploadPDF: true }, texts: null } as const;

  it('asks for the one step, then review', () => {
    const start = initialState(makeSession({ showInstructions: true }), { target: { kind: 'REUPLOAD', step } });
    expect(screenId(start)).toBe('IMAGE:UTILITY_BILL');
    const review = run(start, { type: 'SET_IMAGE', step: 'UTILITY_BILL', image: image() }, { type: 'NEXT' });
    expect(screenId(review)).toBe('REVIEW');
    expect(run(review, { type: 'SUBMIT' }).screen.kind).toBe('SUBMITTING');
    expect(budgetOf(review).base64Chars).toBe(6_000_000);
  });
});

describe('buildSubmitBody', () => {
  it('puts the four vendor slots in images, custom steps in additionalImages, null for steps not taken', async () => {
    let state = initialState(
      makeSession({ documents: ['PASSPORT'], country: 'EE', showInstructions: false, additionalSteps: { ALL: { ALL: { SELFIE_WITH_DOC: {} } } } }),
    );
    for (const step of ['FRONT', 'FACE', 'SELFIE_WITH_DOC']) state = run(state, { type: 'SET_IMAGE', step, image: image() }, { type: 'NEXT' });
    const body = await buildSubmitBody(state, async () => 'QUJD');
    expect(body).toEqual({
      authToken: 'TOKEN123',
      country: 'EE',
      documentType: 'PASSPORT',
      images: { FRONT: 'QUJD', BACK: null, FACE: 'QUJD', UTILITY_BILL: null },
      additionalImages: { SELFIE_WITH_DOC: 'QUJD' },
    });
  });

  it('refuses an image over its budget instead of sending a request the vendor would refuse', async () => {
    const state = atReview();
    const oversized = new Blob([new Uint8Array(budgetOf(state).bytes + 3)]);
    const over = { ...state, images: { ...state.images, FACE: { ...image(), blob: oversized, bytes: oversized.size } } };
    await expect(buildSubmitBody(over, async () => 'QUJD')).rejects.toThrow(/over its budget/);
  });
});
