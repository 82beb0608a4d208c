import type { Store } from './store.ts';

/**
 * A lease: who may talk to the vendor for one submission right now. Taken with an atomic
 * set-if-absent with expiry (Redis `SET NX PX`), renewed by its holder while it works, released
 * when done; a holder that crashed simply stops renewing, and the lease expires.
 */
export interface Lease {
  /** The value the lease holds while it is ours: this attempt's id. */
  readonly attempt: string;
  /**
   * Extends it now; true while it is ours. One that expired while this process stalled (a long GC,
   * a starved CPU) is taken back if nobody else took it meanwhile: only a real takeover loses it.
   */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export const leaseKey = (name: string) => `lease:${name}`;

export async function acquireLease(store: Store, name: string, attempt: string, ttlMs: number): Promise<Lease | null> {
  const key = leaseKey(name);
  if (!(await store.set(key, attempt, ttlMs, 'absent'))) return null;
  let lost = false;
  const renew = async () => {
    if (lost) return false;
    const ours = (await store.set(key, attempt, ttlMs, { equals: attempt })) || (await store.set(key, attempt, ttlMs, 'absent'));
    lost = !ours;
    return ours;
  };
  // Renewed at a third of its lifetime, so two missed renewals still leave it ours.
  const timer = setInterval(() => {
    renew().catch(() => undefined); // store trouble: the next renewal may succeed
  }, Math.max(10, Math.floor(ttlMs / 3)));
  timer.unref?.();
  return {
    attempt,
    renew,
    async release() {
      clearInterval(timer);
      lost = true;
      await store.delete(key, { equals: attempt });
    },
  };
}

/** The attempt holding the lease now, or null. */
export const leaseHolder = (store: Store, name: string) => store.get(leaseKey(name));
