/** Letters of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/**
 * Wraps text that comes from elsewhere (a merchant's step name) in Unicode isolates (FSI … PDI)
 * before it goes into one of our sentences, so a Hebrew or Arabic name cannot reorder the words and
 * punctuation around it: "Retake: שלום." stays in the sentence's own order. Every UI language is
 * written left to right, so text without right-to-left letters cannot disturb a sentence and is
 * left as it is (and screen readers and exact-text matches see no marks).
 */
export function isolate(text: string): string {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}
