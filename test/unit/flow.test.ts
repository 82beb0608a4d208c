import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetOf, currentStep, flowReducer, initialState, type CapturedImage, type FlowAction, type FlowState } from '../../src/core/flow';
import { buildSubmitBody } from '../../src/core/submitBody';
import { base64Length } from '../../src/core/limits';
import { makeSession } from './arbitraries';

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
    expect(submitting.screen).toEqual({ kind: 'SUBMITTING', attempt: 1, progress: 0 });
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
      fc.constantFrom('LT', 'DE').map<FlowAction>((country) => ({ type: 'CHOOSE_COUNTRY', country })),
      fc.constantFrom('ID_CARD' as const, 'PASSPORT' as const).map<FlowAction>((documentType) => ({ type: 'CHOOSE_DOCUMENT', documentType })),
    );
    fc.assert(
      fc.property(fc.array(actions, { maxLength: 40 }), fc.boolean(), (sequence, utilityBill) => {
        let state = initialState(makeSession({ utilityBill }));
        for (const action of sequence) {
          state = flowReducer(state, action);
          if (state.screen.kind === 'STEP') expect(currentStep(state)).toBeDefined();
          for (const kept of Object.values(state.images)) expect(base64Length(kept.bytes)).toBeLessThanOrEqual(budgetOf(state).base64Chars);
        }
      }),
    );
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
    const tooLong = 'A'.repeat(budgetOf(state).base64Chars + 4);
    await expect(buildSubmitBody(state, async () => tooLong)).rejects.toThrow(/over its budget/);
  });
});
