import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobToBase64 } from '../../src/compress/base64.ts';
import { flowReducer, initialState, type CapturedImage, type FlowAction, type FlowState } from '../../src/core/flow.ts';
import { buildReuploadBody, buildSubmitBody, requestBodyParts } from '../../src/core/submitBody.ts';
import { assembleBody } from '../../src/submit/requestBody.ts';
import { makeSession } from './arbitraries.ts';

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, index) => (index * 31 + seed * 17) & 0xff);
const image = (length: number, seed: number): CapturedImage => {
  const blob = new Blob([bytes(length, seed)], { type: 'image/jpeg' });
  return { blob, mediaType: 'image/jpeg', bytes: blob.size, width: 10, height: 10 };
};
/** jsdom's Blob has no text(); its FileReader does the job. */
const textOf = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, state);

function passportWithCustomStep(): FlowState {
  let state = initialState(
    makeSession({ documents: ['PASSPORT'], country: 'EE', showInstructions: false, additionalSteps: { ALL: { ALL: { SELFIE_WITH_DOC: {} } } } }),
  );
  for (const [index, step] of ['FRONT', 'FACE', 'SELFIE_WITH_DOC'].entries()) {
    state = run(state, { type: 'SET_IMAGE', step, image: image(7_000 + index * 1_001, index) }, { type: 'NEXT' });
  }
  return state;
}

describe('the request body assembled a slice at a time', () => {
  it('is byte for byte the JSON of the whole body', async () => {
    const state = passportWithCustomStep();
    const assembled = await assembleBody(requestBodyParts(state), { sliceBytes: 3 * 1024 });
    expect(assembled.type).toBe('application/json');
    expect(await textOf(assembled)).toBe(JSON.stringify(await buildSubmitBody(state, blobToBase64)));
  });

  it('does the same for a re-upload', async () => {
    const step = { kind: 'IMAGE', name: 'UTILITY_BILL', role: 'UTILITY_BILL', settings: { canUpload: true, canCapture: false, canUploadPDF: true }, texts: null } as const;
    const state = run(initialState(makeSession({ authToken: 'ru_token_0123456789' }), { target: { kind: 'REUPLOAD', step } }), {
      type: 'SET_IMAGE',
      step: 'UTILITY_BILL',
      image: image(4_000, 9),
    });
    const assembled = await assembleBody(requestBodyParts(state), { sliceBytes: 999 });
    expect(JSON.parse(await textOf(assembled))).toEqual(await buildReuploadBody(state, blobToBase64));
  });

  it('property: any image, any slice size that is a multiple of 3, gives the base64 of the whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 700 }), fc.integer({ min: 0, max: 255 }), async (length, thirds, seed) => {
        const blob = new Blob([bytes(length, seed)]);
        const assembled = await assembleBody(['"', { base64Of: blob }, '"'], { sliceBytes: thirds * 3 });
        expect(JSON.parse(await textOf(assembled))).toBe(Buffer.from(bytes(length, seed)).toString('base64'));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses slices that would break the base64 apart', async () => {
    await expect(assembleBody([{ base64Of: new Blob(['abcd']) }], { sliceBytes: 1000 })).rejects.toThrow(RangeError);
  });
});
