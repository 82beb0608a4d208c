import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from '../../src/core/textSearch.ts';

describe('foldForSearch', () => {
  it.each([
    ['Łódź', 'lodz'],
    ['Côte d’Ivoire', 'cote d’ivoire'],
    ['ÖSTERREICH', 'osterreich'],
    ['Færøerne', 'faeroerne'],
    ['Straße', 'strasse'],
    ['Türkiye', 'turkiye'],
    ['Ёмкость', 'емкость'],
    ['どいつ', 'ドイツ'.normalize('NFKD').replace(/\p{Diacritic}/gu, '')],
    ['  Saint   Lucia ', 'saint lucia'],
  ])('%s → %s', (typed, folded) => {
    expect(foldForSearch(typed)).toBe(folded);
  });

  it('is idempotent and never longer than twice the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = foldForSearch(text);
        expect(foldForSearch(once)).toBe(once);
        expect(once.length).toBeLessThanOrEqual(text.normalize('NFKD').length * 2);
      }),
    );
  });
});

describe('matchesSearch', () => {
  it('finds a country by any of its names, ignoring case and accents', () => {
    expect(matchesSearch('lodz', ['Łódź'])).toBe(true);
    expect(matchesSearch('LITH', ['Литва', 'Lithuania'])).toBe(true);
    expect(matchesSearch('ドイツ', ['ドイツ'])).toBe(true);
    expect(matchesSearch('どいつ', ['ドイツ'])).toBe(true);
    expect(matchesSearch('france', ['Deutschland', 'Germany'])).toBe(false);
  });

  it('matches everything on an empty query, and any Latin name typed in other case inside a longer one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), fc.stringMatching(/^[a-z]{0,5}$/), (name, prefix) => {
        expect(matchesSearch(' ', [name])).toBe(true);
        expect(matchesSearch(name.toUpperCase(), [`${prefix}${name}`])).toBe(true);
        expect(matchesSearch(name.toLowerCase(), [`${prefix}${name.toUpperCase()}`])).toBe(true);
      }),
    );
  });
});
