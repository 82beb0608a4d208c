/**
 * Wraps text that comes from elsewhere (a merchant's step name, a file name) in Unicode isolates
 * (FSI … PDI) before it goes into one of our sentences, so a Hebrew or Arabic name cannot reorder
 * the words and punctuation around it: "Retake: ‏שלום‏." stays in the sentence's own order.
 * Screen readers and copy-paste ignore the two marks.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
