import type { CapturedImage, SavedFlow } from '../core/flow.ts';
import type { StepId } from '../core/steps.ts';
import type { Session } from '../core/token.ts';

/**
 * What a resumable flow keeps between page loads: the session it runs on (so a reload continues
 * the same verification instead of minting another), the person's choices, where they were, and
 * the images they took.
 */
export interface Draft extends SavedFlow {
  session: Session;
  obtainedAt: number;
}

export interface DraftStore {
  /** The draft, or null when there is none, it expired, or it cannot be read (then it is discarded). */
  load(now: number): Promise<Draft | null>;
  /** Keeps the draft until `expiresAt`; an image is encrypted and written only when it changed. */
  save(draft: Draft, expiresAt: number): Promise<void>;
  /** Deletes the whole database, key included: nothing is left behind. */
  discard(): Promise<void>;
}

/** Image metadata inside the encrypted meta record; the bytes are records of their own. */
interface ImageEntry {
  id: string;
  mediaType: CapturedImage['mediaType'];
  bytes: number;
  width?: number;
  height?: number;
  fileName?: string;
}

interface Meta {
  session: Session;
  obtainedAt: number;
  choices: Draft['choices'];
  stepId: StepId;
  images: Record<string, ImageEntry>;
}

/** A record as stored: only its expiry is readable without the key. */
interface Sealed {
  expiresAt: number;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const KEYS = 'keys';
const RECORDS = 'records';
const META = 'meta';
const KEY_NAME = 'draft-key';

/** True where the store can work: IndexedDB and WebCrypto (a secure context) are both needed. */
export function canResume(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;
}

const stores = new Map<string, DraftStore>();

/**
 * The draft store for one widget (`name` tells widgets on the same origin apart). Images and
 * choices are encrypted with AES-GCM under a key WebCrypto generates as non-extractable and that
 * only IndexedDB holds (as a CryptoKey), so what sits on disk is unreadable without this origin's
 * browser profile, and the key itself can never be exported by a script. One instance per name,
 * and every operation runs in turn, so a discard can never interleave with a save.
 */
export function openDraftStore(name: string): DraftStore {
  const existing = stores.get(name);
  if (existing) return existing;
  const store = createDraftStore(name);
  stores.set(name, store);
  return store;
}

/** The IndexedDB database a store of this name uses. */
export const draftDatabaseName = (name: string) => `markid-resume:${name}`;

/** A store with no memory of this page's writes, as after a reload. Use `openDraftStore` in the app. */
export function createDraftStore(name: string): DraftStore {
  const databaseName = draftDatabaseName(name);
  let queue: Promise<unknown> = Promise.resolve();
  let database: Promise<IDBDatabase> | null = null;
  /** What this page already wrote: image blobs by step, so an unchanged image is not written again. */
  let written = new Map<string, { blob: Blob; entry: ImageEntry }>();

  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const db = () => (database ??= openDatabase(databaseName));

  async function key(create: boolean): Promise<CryptoKey | null> {
    const found = await request<CryptoKey | undefined>((await db()).transaction(KEYS).objectStore(KEYS).get(KEY_NAME));
    if (found || !create) return found ?? null;
    const generated = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await transact(await db(), [KEYS], 'readwrite', (tx) => tx.objectStore(KEYS).put(generated, KEY_NAME));
    return generated;
  }

  async function wipe(): Promise<void> {
    written = new Map();
    const open = database;
    database = null;
    if (open) (await open.catch(() => null))?.close();
    await new Promise<void>((resolve) => {
      const deletion = indexedDB.deleteDatabase(databaseName);
      deletion.onsuccess = deletion.onerror = deletion.onblocked = () => resolve();
    });
  }

  return {
    load: (now) =>
      inTurn(async () => {
        try {
          const meta = await request<Sealed | undefined>((await db()).transaction(RECORDS).objectStore(RECORDS).get(META));
          if (!meta) return null;
          if (meta.expiresAt <= now) {
            await wipe();
            return null;
          }
          const cryptoKey = await key(false);
          if (!cryptoKey) throw new Error('draft without its key');
          const decoded = JSON.parse(new TextDecoder().decode(await open(cryptoKey, meta, META))) as Meta;
          const images: Record<string, CapturedImage> = {};
          const tx = (await db()).transaction(RECORDS);
          const sealed = await Promise.all(
            Object.values(decoded.images).map((entry) => request<Sealed | undefined>(tx.objectStore(RECORDS).get(imageRecord(entry.id)))),
          );
          for (const [index, [step, entry]] of Object.entries(decoded.images).entries()) {
            const record = sealed[index];
            if (!record) throw new Error('image record missing');
            const blob = new Blob([await open(cryptoKey, record, imageRecord(entry.id))], { type: entry.mediaType });
            images[step] = withoutUndefined({ blob, mediaType: entry.mediaType, bytes: entry.bytes, width: entry.width, height: entry.height, fileName: entry.fileName });
            written.set(step, { blob, entry });
          }
          return { session: decoded.session, obtainedAt: decoded.obtainedAt, choices: decoded.choices, stepId: decoded.stepId, images };
        } catch {
          // Tampered, truncated, or from a browser that lost the key: none of it is worth keeping.
          await wipe();
          return null;
        }
      }),

    save: (draft, expiresAt) =>
      inTurn(async () => {
        const cryptoKey = await key(true);
        if (!cryptoKey) return;
        const entries: Record<string, ImageEntry> = {};
        const puts: [string, Sealed][] = [];
        const next = new Map<string, { blob: Blob; entry: ImageEntry }>();
        for (const [step, image] of Object.entries(draft.images)) {
          const known = written.get(step);
          if (known && known.blob === image.blob) {
            entries[step] = known.entry;
            next.set(step, known);
            continue;
          }
          const entry = withoutUndefined({
            id: crypto.randomUUID(),
            mediaType: image.mediaType,
            bytes: image.bytes,
            width: image.width,
            height: image.height,
            fileName: image.fileName,
          });
          puts.push([imageRecord(entry.id), await seal(cryptoKey, new Uint8Array(await image.blob.arrayBuffer()), imageRecord(entry.id), expiresAt)]);
          entries[step] = entry;
          next.set(step, { blob: image.blob, entry });
        }
        const stale = [...written.values()].filter(({ entry }) => !Object.values(entries).some((kept) => kept.id === entry.id));
        const meta: Meta = { session: draft.session, obtainedAt: draft.obtainedAt, choices: draft.choices, stepId: draft.stepId, images: entries };
        puts.push([META, await seal(cryptoKey, new TextEncoder().encode(JSON.stringify(meta)), META, expiresAt)]);
        // One transaction: the meta never names an image that is not there, whatever happens.
        await transact(await db(), [RECORDS], 'readwrite', (tx) => {
          const records = tx.objectStore(RECORDS);
          for (const [id, sealed] of puts) records.put(sealed, id);
          for (const { entry } of stale) records.delete(imageRecord(entry.id));
        });
        written = next;
      }),

    discard: () => inTurn(wipe),
  };
}

const imageRecord = (id: string) => `image:${id}`;

/** The record's name is bound in as additional data, so records cannot be swapped on disk. */
async function seal(cryptoKey: CryptoKey, plain: Uint8Array<ArrayBuffer>, name: string, expiresAt: number): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) }, cryptoKey, plain);
  return { expiresAt, iv, data };
}

function open(cryptoKey: CryptoKey, sealed: Sealed, name: string): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: new TextEncoder().encode(name) }, cryptoKey, sealed.data);
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(name, 1);
    opening.onupgradeneeded = () => {
      opening.result.createObjectStore(KEYS);
      opening.result.createObjectStore(RECORDS);
    };
    opening.onsuccess = () => {
      // Another tab deleting the draft must not wait on us.
      opening.result.onversionchange = () => opening.result.close();
      resolve(opening.result);
    };
    opening.onerror = () => reject(opening.error);
    opening.onblocked = () => reject(new Error('the draft database is blocked'));
  });
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}

function transact(database: IDBDatabase, stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = database.transaction(stores, mode);
    work(tx);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
