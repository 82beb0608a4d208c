import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedImage } from '../../src/core/flow.ts';
import type { Session } from '../../src/core/token.ts';
import { createDraftStore, draftDatabaseName, type Draft } from '../../src/resume/draftStore.ts';

const TOKEN = 'cBqwefLQK6jEA20CJnq12r01cge00mlvPrjTGM4';
const session: Session = {
  authToken: TOKEN,
  scanRef: '6a31253e-e10a-11eb-cc95-02cb49d118ed',
  documents: ['ID_CARD', 'PASSPORT'],
  additionalSteps: null,
  utilityBill: null,
  locale: 'lt',
  country: null,
  showInstructions: true,
  expiryTime: 3600,
  sessionLength: 600,
};

/** Bytes that are easy to find again: a marker followed by noise. */
function photo(marker: string, size = 200_000): CapturedImage {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes.subarray(0, 65_536));
  bytes.set(new TextEncoder().encode(marker), 0);
  return { blob: new Blob([bytes], { type: 'image/jpeg' }), mediaType: 'image/jpeg', bytes: size, width: 1200, height: 800 };
}

function draft(images: Record<string, CapturedImage>): Draft {
  return { session, obtainedAt: 1_000, choices: { country: 'LT', documentType: 'ID_CARD' }, stepId: 'IMAGE:BACK', images };
}

async function raw(name: string): Promise<{ keys: Map<IDBValidKey, unknown>; records: Map<IDBValidKey, { expiresAt: number; iv: Uint8Array; data: ArrayBuffer }> }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(draftDatabaseName(name));
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const dump = async (store: string) => {
    const tx = db.transaction(store);
    const [keys, values] = await Promise.all(
      [tx.objectStore(store).getAllKeys(), tx.objectStore(store).getAll()].map(
        (request) => new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result as unknown[]))),
      ),
    );
    return new Map(keys!.map((key, index) => [key as IDBValidKey, values![index]]));
  };
  const result = { keys: await dump('keys'), records: (await dump('records')) as never };
  db.close();
  return result;
}

const databases = async () => (await indexedDB.databases()).map((database) => database.name);
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const contains = (haystack: Uint8Array, needle: Uint8Array) => {
  outer: for (let at = 0; at <= haystack.length - needle.length; at++) {
    for (let index = 0; index < needle.length; index++) if (haystack[at + index] !== needle[index]) continue outer;
    return true;
  }
  return false;
};

let counter = 0;
const names: string[] = [];
const fresh = () => {
  const name = `test-${Date.now()}-${counter++}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await createDraftStore(name).discard();
});

describe('the encrypted draft store (IndexedDB + WebCrypto, in Chromium)', () => {
  it('round-trips choices, position, session and images into a fresh page', async () => {
    const name = fresh();
    const front = photo('FRONT-PHOTO');
    const bill: CapturedImage = { blob: new Blob(['%PDF-1.4 bill'], { type: 'application/pdf' }), mediaType: 'application/pdf', bytes: 13, fileName: 'sąskaita.pdf' };
    await createDraftStore(name).save(draft({ FRONT: front, UTILITY_BILL: bill }), Date.now() + 60_000);

    const loaded = await createDraftStore(name).load(Date.now());
    expect(loaded).not.toBeNull();
    expect(loaded!.session).toEqual(session);
    expect(loaded!.choices).toEqual({ country: 'LT', documentType: 'ID_CARD' });
    expect(loaded!.stepId).toBe('IMAGE:BACK');
    expect(loaded!.obtainedAt).toBe(1_000);
    expect(loaded!.images.FRONT).toMatchObject({ mediaType: 'image/jpeg', bytes: 200_000, width: 1200, height: 800 });
    expect(await bytesOf(loaded!.images.FRONT!.blob)).toEqual(await bytesOf(front.blob));
    expect(loaded!.images.UTILITY_BILL).toMatchObject({ mediaType: 'application/pdf', fileName: 'sąskaita.pdf' });
    expect(await loaded!.images.UTILITY_BILL!.blob.text()).toBe('%PDF-1.4 bill');
  });

  it('keeps a non-extractable AES-GCM key and nothing readable on disk', async () => {
    const name = fresh();
    const front = photo('FRONT-PHOTO-MARKER');
    await createDraftStore(name).save(draft({ FRONT: front }), Date.now() + 60_000);
    const { keys, records } = await raw(name);

    const key = [...keys.values()][0] as CryptoKey;
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...key.usages].sort()).toEqual(['decrypt', 'encrypt']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();

    const plainImage = (await bytesOf(front.blob)).subarray(0, 4096);
    const token = new TextEncoder().encode(TOKEN);
    expect(records.size).toBe(2);
    for (const [id, record] of records) {
      const data = new Uint8Array(record.data);
      expect(contains(data, plainImage.subarray(0, 64)), `record ${String(id)} holds image bytes`).toBe(false);
      expect(contains(data, token), `record ${String(id)} holds the token`).toBe(false);
      expect(contains(data, new TextEncoder().encode('"LT"'))).toBe(false);
      expect(record.iv).toHaveLength(12);
    }
    // Every record has its own IV.
    expect(new Set([...records.values()].map((record) => record.iv.join())).size).toBe(records.size);
  });

  it('writes an image once, and replaces only the one retaken', async () => {
    const name = fresh();
    const store = createDraftStore(name);
    const front = photo('F');
    const back = photo('B');
    await store.save(draft({ FRONT: front, BACK: back }), Date.now() + 60_000);
    const first = await raw(name);
    await store.save({ ...draft({ FRONT: front, BACK: back }), stepId: 'REVIEW' }, Date.now() + 60_000);
    const second = await raw(name);
    const imageIds = (dump: typeof first) => [...dump.records.keys()].filter((key) => String(key).startsWith('image:')).sort();
    expect(imageIds(second)).toEqual(imageIds(first));
    for (const id of imageIds(first)) expect(second.records.get(id)!.iv).toEqual(first.records.get(id)!.iv);

    const retaken = photo('B2');
    await store.save(draft({ FRONT: front, BACK: retaken }), Date.now() + 60_000);
    const third = await raw(name);
    expect(imageIds(third)).toHaveLength(2);
    expect(imageIds(third).filter((id) => imageIds(first).includes(id))).toHaveLength(1);
    expect(await bytesOf((await createDraftStore(name).load(Date.now()))!.images.BACK!.blob)).toEqual(await bytesOf(retaken.blob));
  });

  it('discards the draft at expiry, on demand, and when it was tampered with, leaving no database', async () => {
    const expiring = fresh();
    await createDraftStore(expiring).save(draft({ FRONT: photo('F') }), Date.now() + 1_000);
    expect(await databases()).toContain(draftDatabaseName(expiring));
    expect(await createDraftStore(expiring).load(Date.now() + 1_000)).toBeNull();
    expect(await databases()).not.toContain(draftDatabaseName(expiring));

    const discarded = fresh();
    const store = createDraftStore(discarded);
    await store.save(draft({ FRONT: photo('F') }), Date.now() + 60_000);
    await store.discard();
    expect(await databases()).not.toContain(draftDatabaseName(discarded));
    expect(await createDraftStore(discarded).load(Date.now())).toBeNull();

    const tampered = fresh();
    await createDraftStore(tampered).save(draft({ FRONT: photo('F') }), Date.now() + 60_000);
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open(draftDatabaseName(tampered));
      open.onsuccess = () => resolve(open.result);
    });
    const meta = await new Promise<{ expiresAt: number; iv: Uint8Array; data: ArrayBuffer }>((resolve) => {
      const get = db.transaction('records').objectStore('records').get('meta');
      get.onsuccess = () => resolve(get.result);
    });
    const flipped = new Uint8Array(meta.data.slice(0));
    flipped[5]! ^= 0xff;
    await new Promise<void>((resolve) => {
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put({ ...meta, data: flipped.buffer }, 'meta');
      tx.oncomplete = () => resolve();
    });
    db.close();
    expect(await createDraftStore(tampered).load(Date.now())).toBeNull();
    expect(await databases()).not.toContain(draftDatabaseName(tampered));
  });
});
