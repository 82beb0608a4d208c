/**
 * The widget's translator: nested keys (`error.NETWORK`), `{{name}}` placeholders, English under
 * every language, languages added as their chunks load, and a `languageChanged` event. This is
 * all the widget used of i18next, which alone was a third of the React entry (about 19 KB of its
 * 56 KB gzipped, `npm run bench:size`); React escapes the text, so nothing here does.
 */
type Tree = { [key: string]: string | Tree };

export type TFunction = (key: string, params?: Readonly<Record<string, unknown>>) => string;

const FALLBACK = 'en';
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export class Translator {
  #language: string;
  #bundles = new Map<string, Tree>();
  #listeners = new Set<(language: string) => void>();
  #watchers = new Set<() => void>();
  #version = 0;

  constructor(language: string) {
    this.#language = language;
  }

  get language(): string {
    return this.#language;
  }

  /**
   * The text at `key` in the current language, else in English, else the key itself (so a missing
   * string shows as its key in development instead of as nothing). A `{{name}}` whose parameter is
   * absent stays as written; `null` prints as nothing.
   */
  readonly t: TFunction = (key, params) => {
    const text = lookup(this.#bundles.get(this.#language), key) ?? lookup(this.#bundles.get(FALLBACK), key);
    if (text === undefined) return key;
    if (!params) return text;
    return text.replace(PLACEHOLDER, (placeholder, name: string) => {
      if (!(name in params) || params[name] === undefined) return placeholder;
      const value = params[name];
      return value === null ? '' : String(value);
    });
  };

  hasLanguage(language: string): boolean {
    return this.#bundles.has(language);
  }

  /** Adds strings for `language`, over any already there (a host's own wording goes on last). */
  addStrings(language: string, strings: object): void {
    this.#bundles.set(language, merge(this.#bundles.get(language) ?? {}, strings as Tree));
    this.#changed();
  }

  changeLanguage(language: string): void {
    if (language === this.#language) return;
    this.#language = language;
    this.#changed();
    for (const listener of [...this.#listeners]) listener(language);
  }

  on(_event: 'languageChanged', listener: (language: string) => void): void {
    this.#listeners.add(listener);
  }

  off(_event: 'languageChanged', listener: (language: string) => void): void {
    this.#listeners.delete(listener);
  }

  /** For React: any change of language or strings bumps the version. */
  readonly subscribe = (watcher: () => void): (() => void) => {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  };

  readonly version = (): number => this.#version;

  #changed(): void {
    this.#version += 1;
    for (const watcher of [...this.#watchers]) watcher();
  }
}

function lookup(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = typeof value === 'object' && value !== null && typeof current === 'object' ? merge(current, value) : value;
  }
  return out;
}
