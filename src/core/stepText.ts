import { baseLanguage } from './locale.ts';
import type { StepText, StepTexts } from './token.ts';

/**
 * The merchant's text for a step in `locale`: that locale, then its alias (`jp` for `ja`), then
 * English, then the first text given. Each field falls back on its own, so a merchant who wrote only
 * a Lithuanian description still gets it shown beside an English name. `undefined` means "use our
 * built-in wording".
 */
export function pickStepText(texts: StepTexts | null | undefined, locale: string): StepText {
  if (!texts) return {};
  const entries = Object.entries(texts).filter(([, text]) => text && typeof text === 'object');
  const wanted = baseLanguage(locale);
  const ordered = [
    ...entries.filter(([key]) => key.toLowerCase() === locale.toLowerCase()),
    ...entries.filter(([key]) => baseLanguage(key) === wanted),
    ...entries.filter(([key]) => baseLanguage(key) === 'en'),
    ...entries,
  ].map(([, text]) => text);
  return {
    name: firstNonEmpty(ordered.map((text) => text.name)),
    description: firstNonEmpty(ordered.map((text) => text.description)),
  };
}

function firstNonEmpty(values: (string | undefined)[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}
