/**
 * Search that forgives what people leave out when they type: case, accents and strokes ("lodz"
 * finds Łódź, "cote" Côte d’Ivoire, "osterreich" Österreich), width variants, and kana script
 * ("どいつ" typed before IME conversion finds ドイツ).
 */
export function foldForSearch(text: string): string {
  return (
    text
      // Locale-independent on purpose: a Turkish host must not turn "I" into "ı" and miss "India".
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/[łøđħıßæœþ]/g, (letter) => UNSTROKED[letter] ?? letter)
      .replace(/[\u3041-\u3096]/g, (kana) => String.fromCharCode(kana.charCodeAt(0) + 0x60))
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Letters NFD leaves whole, and what people type for them. */
const UNSTROKED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };

/** Whether `query` (typed) occurs in any of `names` (shown, or alternative), folded alike. */
export function matchesSearch(query: string, names: readonly string[]): boolean {
  const wanted = foldForSearch(query);
  return wanted === '' || names.some((name) => foldForSearch(name).includes(wanted));
}
