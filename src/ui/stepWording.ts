import type { TFunction } from '../i18n/index.ts';
import type { ImageStep } from '../core/steps.ts';
import { pickStepText } from '../core/stepText.ts';
import type { DocumentType } from '../core/token.ts';

export interface StepWording {
  title: string;
  hint: string;
}

/**
 * Title and hint of an image step: the merchant's own text for additional steps (shown as text,
 * never HTML), our wording for the document and selfie, with the document named.
 */
export function stepWording(t: TFunction, step: ImageStep, documentType: DocumentType | null, locale: string): StepWording {
  const document = documentType ? t(`documentName.${documentType}`) : t('documentName.OTHER');
  switch (step.role) {
    case 'DOCUMENT_FRONT':
      if (documentType === 'PASSPORT') return { title: t('step.PASSPORT_FRONT.title'), hint: t('step.PASSPORT_FRONT.hint') };
      return { title: t('step.FRONT.title', { document }), hint: t('step.FRONT.hint') };
    case 'DOCUMENT_BACK':
      return { title: t('step.BACK.title', { document }), hint: t('step.BACK.hint') };
    case 'FACE':
      return { title: t('step.FACE.title'), hint: t('step.FACE.hint') };
    case 'UTILITY_BILL':
    case 'ADDITIONAL': {
      const own = pickStepText(step.texts, locale);
      const builtIn = step.role === 'UTILITY_BILL' ? 'step.UTILITY_BILL' : 'step.ADDITIONAL';
      return { title: own.name ?? t(`${builtIn}.title`), hint: own.description ?? t(`${builtIn}.hint`) };
    }
  }
}

/** "1.2 MB", "850 kB", "3,2 Mo": the number and the unit both in the UI language. */
export function formatSize(bytes: number, locale: string): string {
  const megabytes = bytes >= 1_000_000;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? bytes / 1_000_000 : Math.max(1, Math.round(bytes / 1000)));
}
