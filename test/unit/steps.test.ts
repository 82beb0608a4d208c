import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableAdditionalSteps } from '../../src/core/additionalSteps.ts';
import { imageSteps, resolveSteps, stepId, type Step } from '../../src/core/steps.ts';
import { additionalSteps as additionalStepsArb, country, documentType, makeSession, session } from './arbitraries.ts';

const ids = (steps: Step[]) => steps.map(stepId);

describe('resolveSteps', () => {
  it('walks instructions, country, document, front, back, face and review for an ID card', () => {
    const steps = resolveSteps(makeSession(), { country: 'LT', documentType: 'ID_CARD' });
    expect(ids(steps)).toEqual(['INSTRUCTIONS', 'COUNTRY', 'DOCUMENT_TYPE', 'IMAGE:FRONT', 'IMAGE:BACK', 'IMAGE:FACE', 'REVIEW']);
  });

  it('stops at the first choice not yet made', () => {
    expect(ids(resolveSteps(makeSession(), { country: null, documentType: null }))).toEqual(['INSTRUCTIONS', 'COUNTRY', 'DOCUMENT_TYPE']);
  });

  it('skips instructions, a preset country and a single offered document', () => {
    const steps = resolveSteps(makeSession({ showInstructions: false, country: 'LT', documents: ['PASSPORT'] }), {
      country: null,
      documentType: null,
    });
    expect(ids(steps)).toEqual(['IMAGE:FRONT', 'IMAGE:FACE', 'REVIEW']);
  });

  it('offers documents in the token order', () => {
    const steps = resolveSteps(makeSession({ documents: ['PASSPORT', 'ID_CARD'] }), { country: null, documentType: null });
    expect(steps.find((step) => step.kind === 'DOCUMENT_TYPE')).toEqual({ kind: 'DOCUMENT_TYPE', documents: ['PASSPORT', 'ID_CARD'] });
  });

  it('adds a built-in utility bill step for utilityBill: true', () => {
    const steps = imageSteps(resolveSteps(makeSession({ utilityBill: true }), { country: 'LT', documentType: 'PASSPORT' }));
    expect(steps.at(-1)).toEqual({
      kind: 'IMAGE',
      name: 'UTILITY_BILL',
      role: 'UTILITY_BILL',
      settings: { canUpload: true, canCapture: false, canUploadPDF: true },
      texts: null,
    });
  });

  it('lets an explicit UTILITY_BILL entry win over the built-in one', () => {
    const texts = { en: { name: 'Bank statement' } };
    const session = makeSession({ additionalSteps: { ALL: { ALL: { UTILITY_BILL: { texts, settings: { canUploadPDF: false } } } } } });
    const bills = imageSteps(resolveSteps(session, { country: 'LT', documentType: 'ID_CARD' })).filter((s) => s.name === 'UTILITY_BILL');
    expect(bills).toHaveLength(1);
    expect(bills[0]?.texts).toBe(texts);
    expect(bills[0]?.settings).toEqual({ canUpload: true, canCapture: false, canUploadPDF: false });
  });

  it('keeps the settings but not the vendor’s stock texts of the entry that utilityBill: true brings', () => {
    // What the vendor answers for `utilityBill: true`: its own entry, English and machine translations, no et/sv/bg.
    const stock = { en: { name: 'Proof of address document capturing' }, de: { name: 'Erfassung von Dokumenten zum Nachweis der Adresse' } };
    const session = makeSession({
      utilityBill: true,
      additionalSteps: { ALL: { ALL: { UTILITY_BILL: { texts: stock, settings: { canUpload: true, canCapture: false, canUploadPDF: false } } } } },
    });
    const bills = imageSteps(resolveSteps(session, { country: 'LT', documentType: 'ID_CARD' })).filter((s) => s.name === 'UTILITY_BILL');
    expect(bills).toHaveLength(1);
    expect(bills[0]?.texts).toBeNull();
    expect(bills[0]?.settings).toEqual({ canUpload: true, canCapture: false, canUploadPDF: false });
  });

  it('lets a specific country or document entry override ALL for the same step', () => {
    const session = makeSession({
      additionalSteps: {
        ALL: {
          ALL: { PHOTO: { texts: { en: { name: 'general' } } }, NOTE: { texts: { en: { name: 'note' } } } },
          PASSPORT: { PHOTO: { texts: { en: { name: 'passport' } } } },
        },
        LT: { ALL: { PHOTO: { texts: { en: { name: 'lithuania' } } } } },
        lv: { PASSPORT: { PHOTO: { texts: { en: { name: 'latvian passport' } } } } },
      },
    });
    const name = (country: string, documentType: 'PASSPORT' | 'ID_CARD') =>
      imageSteps(resolveSteps(session, { country, documentType }))
        .filter((step) => step.role === 'ADDITIONAL')
        .map((step) => `${step.name}=${step.texts?.en?.name}`);
    expect(name('EE', 'ID_CARD')).toEqual(['PHOTO=general', 'NOTE=note']);
    expect(name('EE', 'PASSPORT')).toEqual(['PHOTO=passport', 'NOTE=note']);
    expect(name('LT', 'PASSPORT')).toEqual(['PHOTO=lithuania', 'NOTE=note']);
    expect(name('LV', 'PASSPORT')).toEqual(['PHOTO=latvian passport', 'NOTE=note']);
  });

  it('fills settings a merchant left out and keeps those given', () => {
    const session = makeSession({ additionalSteps: { ALL: { ALL: { PHOTO: { settings: { canCapture: false } } } } } });
    const [photo] = imageSteps(resolveSteps(session, { country: 'LT', documentType: 'ID_CARD' })).filter((s) => s.name === 'PHOTO');
    expect(photo?.settings).toEqual({ canUpload: true, canCapture: false, canUploadPDF: false });
  });

  describe('properties', () => {
    const choices = fc.record({ country, documentType });

    it('always has FRONT and FACE, BACK exactly when not a passport, REVIEW last', () => {
      fc.assert(
        fc.property(session, choices, (session, choice) => {
          const steps = resolveSteps(session, choice);
          const names = imageSteps(steps).map((step) => step.name);
          const documentType = session.documents.length === 1 ? session.documents[0] : choice.documentType;
          expect(names).toContain('FRONT');
          expect(names).toContain('FACE');
          expect(names.includes('BACK')).toBe(documentType !== 'PASSPORT');
          expect(steps.at(-1)).toEqual({ kind: 'REVIEW' });
        }),
      );
    });

    it('lists every applicable additional step exactly once', () => {
      fc.assert(
        fc.property(session, additionalStepsArb, choices, (base, table, choice) => {
          const session = { ...base, country: null, documents: base.documents.length > 1 ? base.documents : ['ID_CARD', 'PASSPORT'], additionalSteps: table };
          const steps = resolveSteps(session as typeof base, choice);
          const names = imageSteps(steps).map((step) => step.name);
          expect(new Set(names).size).toBe(names.length);
          const applicable = new Set<string>();
          for (const [countryKey, perDocument] of Object.entries(table)) {
            if (countryKey !== 'ALL' && countryKey.toUpperCase() !== choice.country.toUpperCase()) continue;
            for (const [documentKey, entries] of Object.entries(perDocument)) {
              if (documentKey !== 'ALL' && documentKey !== choice.documentType) continue;
              for (const name of Object.keys(entries)) applicable.add(name);
            }
          }
          if (session.utilityBill) applicable.add('UTILITY_BILL');
          for (const name of applicable) expect(names).toContain(name);
          const extra = names.filter((name) => !['FRONT', 'BACK', 'FACE'].includes(name));
          expect(new Set(extra)).toEqual(applicable);
        }),
      );
    });

    it('never asks for a choice the token already made', () => {
      fc.assert(
        fc.property(session, (session) => {
          const kinds = resolveSteps(session, { country: null, documentType: null }).map((step) => step.kind);
          expect(kinds.includes('COUNTRY')).toBe(session.country === null);
          expect(kinds.includes('DOCUMENT_TYPE')).toBe(session.documents.length > 1);
          expect(kinds.includes('INSTRUCTIONS')).toBe(session.showInstructions);
        }),
      );
    });
  });
});

describe('documentType arbitrary', () => {
  it('covers every document type', () => {
    fc.assert(fc.property(documentType, (type) => typeof type === 'string'));
  });
});

describe('applicableAdditionalSteps', () => {
  it('matches country and document keys whatever their case, most specific entry winning', () => {
    const table = { ALL: { ALL: { NOTE: { fields: ['general'] } } }, lt: { passport: { NOTE: { fields: ['specific'] } } } };
    const steps = applicableAdditionalSteps(table, 'LT', 'PASSPORT');
    expect([...steps.keys()]).toEqual(['NOTE']);
    expect(steps.get('NOTE')?.fields).toEqual(['specific']);
    expect(applicableAdditionalSteps(null, 'LT', 'PASSPORT').size).toBe(0);
  });
});
