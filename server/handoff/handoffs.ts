import { createHash, randomBytes } from 'node:crypto';
import type { HandoffChoices, HandoffClaimed, HandoffMinted, HandoffProgress, HandoffRefusal, HandoffStatus } from '../../src/core/handoff.ts';
import type { Session } from '../../src/core/token.ts';
import { records } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/**
 * One handoff as stored: the desktop's session and choices for the phone, and how far the phone
 * got. Secrets are never stored, only their hashes.
 */
export interface HandoffRecord {
  id: string;
  session: Session;
  choices: HandoffChoices;
  /** The hash of the link's secret: the key a revocation deletes so no later claim succeeds. */
  claimKey: string;
  /** Epoch ms until which the link can be claimed. */
  claimBy: number;
  /** Epoch ms when the session ends: after it the handoff is over, claimed or not. */
  expiresAt: number;
  /** The hash of the claiming phone's secret; null until claimed. */
  phone: string | null;
  progress: HandoffProgress | null;
}

/** How long a link can be claimed: long enough to find the phone, short enough that a photo of the screen goes stale. */
export const HANDOFF_CLAIM_MS = 10 * 60 * 1000;
/** Kept past the session's end so a late desktop or phone hears "expired", not "unknown". */
const RETENTION_MS = 10 * 60 * 1000;
/** 32 random bytes: 256 bits, far past guessing at any rate limit. */
const SECRET_BYTES = 32;

const secret = () => randomBytes(SECRET_BYTES).toString('base64url');
/** Secrets are keys only as hashes: a dump of the store lets nobody claim or follow a handoff. */
export const hashSecret = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * The handoff lifecycle over the store, shared by every instance: mint, claim once, progress,
 * revoke, and the status the desktop follows. Every key expires. The record itself is written
 * only at minting and by the one phone that claimed it; the desktop's revocation is a key of its
 * own, so the two never overwrite each other.
 */
export function createHandoffs(store: Store, now: () => number) {
  const handoffs = records<HandoffRecord>(store, 'handoff');
  /** secret hash → handoff id, while claimable; taken by the one claim that wins. */
  const claimable = records<string>(store, 'handoff-secret');
  /** secret hash → handoff id, for the record's whole life: tells "claimed" from "never issued". */
  const issued = records<string>(store, 'handoff-issued');
  const desktops = records<string>(store, 'handoff-desktop');
  const phones = records<string>(store, 'handoff-phone');
  const revoked = records<true>(store, 'handoff-revoked');
  const keepMs = (record: HandoffRecord) => Math.max(1, record.expiresAt + RETENTION_MS - now());

  async function mint(session: Session, choices: HandoffChoices, sessionEndsAt: number): Promise<HandoffMinted> {
    const minted: HandoffMinted = { id: secret().slice(0, 16), secret: secret(), desktopSecret: secret(), claimBy: Math.min(now() + HANDOFF_CLAIM_MS, sessionEndsAt) };
    const key = hashSecret(minted.secret);
    const record: HandoffRecord = { id: minted.id, session, choices, claimKey: key, claimBy: minted.claimBy, expiresAt: sessionEndsAt, phone: null, progress: null };
    const ttl = keepMs(record);
    await handoffs.set(minted.id, record, ttl);
    await issued.set(key, minted.id, ttl);
    await desktops.set(hashSecret(minted.desktopSecret), minted.id, ttl);
    await claimable.set(key, minted.id, Math.max(1, minted.claimBy - now()));
    return minted;
  }

  /** The first claim wins (an atomic take); every later one hears why the link is no good. */
  async function claim(linkSecret: string): Promise<HandoffClaimed | HandoffRefusal> {
    const key = hashSecret(linkSecret);
    const id = await claimable.take(key);
    if (id === null) return refusal(key);
    const record = await handoffs.get(id);
    if (!record) return 'HANDOFF_EXPIRED';
    if (await revoked.get(id)) return 'HANDOFF_REVOKED';
    const phoneSecret = secret();
    const claimed: HandoffRecord = { ...record, phone: hashSecret(phoneSecret) };
    await handoffs.set(id, claimed, keepMs(claimed));
    await phones.set(hashSecret(phoneSecret), id, keepMs(claimed));
    return { id, session: record.session, choices: record.choices, phoneSecret };
  }

  async function refusal(key: string): Promise<HandoffRefusal> {
    const id = await issued.get(key);
    const record = id ? await handoffs.get(id) : null;
    if (!id || !record) return 'HANDOFF_NOT_FOUND';
    if (await revoked.get(id)) return 'HANDOFF_REVOKED';
    // Gone before its time and not revoked: another claim took it, perhaps a moment ago and still writing.
    return record.phone || now() < record.claimBy ? 'HANDOFF_CLAIMED' : 'HANDOFF_EXPIRED';
  }

  /** The handoff a desktop secret follows, or null when it names none. */
  async function forDesktop(desktopSecret: string): Promise<HandoffRecord | null> {
    const id = await desktops.get(hashSecret(desktopSecret));
    return id ? handoffs.get(id) : null;
  }

  async function forPhone(phoneSecret: string): Promise<HandoffRecord | null> {
    const id = await phones.get(hashSecret(phoneSecret));
    const record = id ? await handoffs.get(id) : null;
    // Bound to the phone that claimed it: the record names that phone's secret, no other.
    return record && record.phone === hashSecret(phoneSecret) ? record : null;
  }

  async function report(record: HandoffRecord, progress: HandoffProgress): Promise<HandoffRefusal | null> {
    if (await revoked.get(record.id)) return 'HANDOFF_REVOKED';
    if (record.expiresAt <= now()) return 'HANDOFF_EXPIRED';
    const next: HandoffRecord = { ...record, progress };
    await handoffs.set(record.id, next, keepMs(next));
    return null;
  }

  /** "Continue here instead": no claim succeeds after this, and the phone hears it at its next report. */
  async function revoke(record: HandoffRecord): Promise<void> {
    await revoked.set(record.id, true, keepMs(record));
    await claimable.delete(record.claimKey);
  }

  /** Where it stands; `sentScanRef` is the backend's own word that the phone's submission was accepted. */
  async function status(record: HandoffRecord, sentScanRef: string | null): Promise<HandoffStatus> {
    return statusOf(record, { revoked: Boolean(await revoked.get(record.id)), sentScanRef, now: now() });
  }

  return { mint, claim, forDesktop, forPhone, forRecord: (id: string) => handoffs.get(id), report, revoke, status };
}

export type Handoffs = ReturnType<typeof createHandoffs>;

/** Pure: a handoff's status from its record, whether it was revoked, and what became of the submission. */
export function statusOf(record: HandoffRecord, facts: { revoked: boolean; sentScanRef: string | null; now: number }): HandoffStatus {
  if (facts.sentScanRef) return { kind: 'SENT', scanRef: facts.sentScanRef };
  if (facts.revoked) return { kind: 'REVOKED' };
  if (!record.phone) return facts.now >= record.claimBy ? { kind: 'EXPIRED' } : { kind: 'WAITING', claimBy: record.claimBy };
  if (facts.now >= record.expiresAt) return { kind: 'EXPIRED' };
  return record.progress ?? { kind: 'CONNECTED' };
}
