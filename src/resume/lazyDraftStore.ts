import type { DraftStore } from './draftStore.ts';

/** True where the store can work: IndexedDB and WebCrypto (a secure context) are both needed. */
export function canResume(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;
}

/**
 * The draft store for `name`, or null where it cannot work. Its code (IndexedDB and WebCrypto
 * plumbing) is a chunk of its own, fetched on the first call: a widget without `resume` never
 * downloads it, and one with it fetches it when the flow starts and looks for a saved draft.
 */
export function openDraftStoreLazily(name: string): DraftStore | null {
  if (!canResume()) return null;
  let opened: Promise<DraftStore> | undefined;
  const store = () => (opened ??= import('./draftStore.ts').then((module) => module.openDraftStore(name)));
  return {
    load: async (now) => (await store()).load(now),
    save: async (draft, expiresAt) => (await store()).save(draft, expiresAt),
    discard: async () => (await store()).discard(),
  };
}
