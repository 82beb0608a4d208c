import { isCountryCode } from '../src/core/countries.ts';
import { DOCUMENT_TYPES, isProcessImageKey } from '../src/core/token.ts';
import type { AdditionalStepConfig, AdditionalSteps } from '../src/core/token.ts';

/**
 * What the vendor puts in a token requested with `utilityBill: true`, copied from its example
 * (spec/additional-steps.md) so the sandbox answers exactly like the vendor.
 */
const UTILITY_BILL_STEP: AdditionalStepConfig = {
  texts: {
    lt: { name: 'Adreso įrodymo dokumento fotografavimas', description: 'Prašome įkelti adreso įrodymo dokumento nuotrauką.' },
    en: { name: 'Proof of address document capturing', description: 'Please upload the proof of address document photo.' },
    pl: { name: 'Dowód przechwycenia dokumentu adresowego', description: 'Prześlij dokument potwierdzający adres zdjęcia.' },
    ru: {
      name: 'Подтверждение захвата адресного документа',
      description: 'Пожалуйста, загрузите документ, подтверждающий адрес документа.',
    },
    lv: {
      name: 'Adresu apliecinošs dokuments',
      description: 'Lūdzu, augšupielādējiet adreses apliecinājuma dokumenta fotoattēlu.',
    },
    ro: {
      name: 'Dovada capturii documentului de adresă',
      description: 'Vă rugăm să încărcați dovada de fotografie a documentului adresei.',
    },
    it: { name: 'Prova di acquisizione del documento di indirizzo', description: "Carica la foto del documento di prova dell'indirizzo." },
    fr: { name: "Capture d'un document de preuve d'adresse", description: 'Veuillez télécharger la photo du justificatif de domicile.' },
    es: { name: 'Captura del documento de prueba de domicilio', description: 'Por favor, suba la foto del documento de prueba de domicilio.' },
    de: {
      name: 'Erfassung von Dokumenten zum Nachweis der Adresse',
      description: 'Upload bitte das Foto des Adressnachweisdokuments.',
    },
    hu: { name: 'Lakcímet igazoló dokumentum lefotózása', description: 'Kérjük töltse fel a lakcímet igazoló dokumentum fényképét.' },
    jp: { name: '「住所文書の証明を取り込む」', description: '「住所文書写真の証明をアップロードしてください」' },
  },
  settings: { canUpload: true, canCapture: false, canUploadPDF: true },
};

/** A fresh copy each time: tokens are handed out and must not share (and so mutate) one object. */
export function utilityBillSteps(): AdditionalSteps {
  return { ALL: { ALL: { UTILITY_BILL: structuredClone(UTILITY_BILL_STEP) } } };
}

/** Second-level keys the vendor accepts: the `/process` document types plus two India-only ones. */
export const ADDITIONAL_STEP_DOCUMENT_KEYS = ['ALL', ...DOCUMENT_TYPES, 'PAN_CARD', 'AADHAAR'] as const;

const STEP_TYPES = ['UPLOAD', 'EXTRACT', 'COMPARE'];
const SETTING_KEYS = ['canUpload', 'canCapture', 'canUploadPDF'];
/** Upper-case words like the vendor's examples; FRONT/BACK/FACE would collide with `/process` slots. */
const STEP_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an `additionalSteps` value the way the sandbox vendor does, so a misconfigured
 * `MARKID_TOKEN_DEFAULTS` fails at startup rather than on every session. Returns a problem or null.
 */
export function additionalStepsProblem(value: unknown): string | null {
  if (!isRecord(value)) return "'additionalSteps' must be an object";
  for (const [country, byDocument] of Object.entries(value)) {
    if (country !== 'ALL' && !isCountryCode(country)) return `'additionalSteps' has an unknown country key '${country}' (use 'ALL' or an ISO 3166-1 alpha-2 code)`;
    if (!isRecord(byDocument)) return `'additionalSteps.${country}' must be an object`;
    for (const [document, byStep] of Object.entries(byDocument)) {
      if (!(ADDITIONAL_STEP_DOCUMENT_KEYS as readonly string[]).includes(document)) {
        return `'additionalSteps.${country}' has an unknown document key '${document}' (use one of ${ADDITIONAL_STEP_DOCUMENT_KEYS.join(', ')})`;
      }
      if (!isRecord(byStep)) return `'additionalSteps.${country}.${document}' must be an object`;
      for (const [step, config] of Object.entries(byStep)) {
        const where = `'additionalSteps.${country}.${document}.${step}'`;
        if (!STEP_NAME.test(step) || (isProcessImageKey(step) && step !== 'UTILITY_BILL')) return `${where}: invalid step name`;
        const configProblem = stepConfigProblem(config);
        if (configProblem) return `${where}: ${configProblem}`;
      }
    }
  }
  return null;
}

function stepConfigProblem(config: unknown): string | null {
  if (!isRecord(config)) return 'must be an object';
  if (config.type !== undefined && !STEP_TYPES.includes(config.type as string)) return `'type' must be one of ${STEP_TYPES.join(', ')}`;
  if (config.fields !== undefined && !(Array.isArray(config.fields) && config.fields.every((field) => typeof field === 'string'))) {
    return "'fields' must be a list of strings";
  }
  if (config.texts !== undefined) {
    if (!isRecord(config.texts)) return "'texts' must be an object keyed by locale";
    for (const [locale, text] of Object.entries(config.texts)) {
      if (!isRecord(text)) return `'texts.${locale}' must be an object`;
      for (const key of ['name', 'description']) {
        if (text[key] !== undefined && typeof text[key] !== 'string') return `'texts.${locale}.${key}' must be a string`;
      }
    }
  }
  if (config.settings !== undefined) {
    if (!isRecord(config.settings)) return "'settings' must be an object";
    for (const [key, setting] of Object.entries(config.settings)) {
      if (!SETTING_KEYS.includes(key)) return `unknown setting '${key}'`;
      // The vendor: "only accepts boolean true or false".
      if (typeof setting !== 'boolean') return `setting '${key}' must be true or false`;
    }
  }
  return null;
}

/** Every step name anywhere in `steps` that is not one of the `/process` image slots. */
export function customStepNames(steps: AdditionalSteps | null | undefined): string[] {
  const names = new Set<string>();
  for (const byDocument of Object.values(steps ?? {})) {
    for (const byStep of Object.values(byDocument)) {
      for (const name of Object.keys(byStep)) if (!isProcessImageKey(name)) names.add(name);
    }
  }
  return [...names];
}
