import fc from 'fast-check';
import { DOCUMENT_TYPES, type AdditionalStepConfig, type DocumentType, type Session } from '../../src/core/token.ts';

export const documentType = fc.constantFrom(...DOCUMENT_TYPES);
export const country = fc.constantFrom('LT', 'LV', 'EE', 'DE', 'US', 'JP', 'lt');
const stepName = fc.constantFrom('UTILITY_BILL', 'ADDITIONAL_PHOTO', 'SELFIE_WITH_DOC', 'HANDWRITTEN_NOTE');

const stepConfig: fc.Arbitrary<AdditionalStepConfig> = fc.record(
  {
    texts: fc.dictionary(fc.constantFrom('en', 'lt', 'jp', 'de'), fc.record({ name: fc.string(), description: fc.string() })),
    settings: fc.record(
      { canUpload: fc.boolean(), canCapture: fc.boolean(), canUploadPDF: fc.boolean() },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

export const additionalSteps = fc.dictionary(
  fc.constantFrom('ALL', 'LT', 'DE', 'us'),
  fc.dictionary(fc.constantFrom('ALL', ...DOCUMENT_TYPES), fc.dictionary(stepName, stepConfig, { maxKeys: 3 }), { maxKeys: 3 }),
  { maxKeys: 3 },
);

export const session: fc.Arbitrary<Session> = fc.record({
  authToken: fc.string({ minLength: 1 }),
  scanRef: fc.uuid(),
  documents: fc.uniqueArray(documentType, { minLength: 1 }) as fc.Arbitrary<DocumentType[]>,
  additionalSteps: fc.option(additionalSteps, { nil: null }),
  utilityBill: fc.option(fc.boolean(), { nil: null }),
  locale: fc.option(fc.constantFrom('en', 'lt', 'jp'), { nil: null }),
  country: fc.option(fc.constantFrom('LT', 'DE'), { nil: null }),
  showInstructions: fc.boolean(),
  expiryTime: fc.constant(3600),
  sessionLength: fc.constant(600),
});

export { makeSession } from '../sessionFixture.ts';
