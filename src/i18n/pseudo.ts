import type { Messages } from './locales/en.ts';

/**
 * The pseudo-locale: English with every letter accented and every text about 40 % longer, in
 * brackets. Screens shown in it reveal at a glance a string that skipped translation (no
 * accents), a layout that clips long languages (a missing bracket) and a font without diacritics.
 * Only reachable by asking for it explicitly (`locale: 'en-XA'`), never from a browser language.
 */
export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index]!,
  ]),
);

/** Words appended to lengthen a text; accented so they cannot be mistaken for real English. */
const FILLER = ['ļöŕéɱ', 'îþšûɱ', 'đöļöŕ', 'šîţ', 'àɱéţ', 'çöñšéç', 'ţéţûŕ', 'àđîþ'];

/** The placeholders ({{name}}) must survive untouched: the translator still has to fill them. */
const PLACEHOLDER = /(\{\{[^}]+\}\})/;

export function pseudoText(text: string): string {
  const accented = text
    .split(PLACEHOLDER)
    .map((part) => (PLACEHOLDER.test(part) ? part : [...part].map((char) => ACCENTED[char] ?? char).join('')))
    .join('');
  const visible = text.replace(/\{\{[^}]+\}\}/g, '').length;
  const padding = `${FILLER.join(' ')} `.repeat(Math.ceil(visible / 40) + 1).slice(0, Math.ceil(visible * 0.4)).trim();
  return `[${accented}${padding ? ` ${padding}` : ''}]`;
}

/** The whole English tree, pseudo-localised leaf by leaf. */
export function pseudoMessages(messages: Messages): Messages {
  return mapLeaves(messages, pseudoText) as Messages;
}

type Tree = { [key: string]: string | Tree };

function mapLeaves(tree: Tree, change: (text: string) => string): Tree {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, typeof value === 'string' ? change(value) : mapLeaves(value, change)]));
}
