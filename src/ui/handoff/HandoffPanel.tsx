import { useEffect, useRef, useState } from 'react';
import { isOnboardingError, type OnboardingError } from '../../core/errors.ts';
import { handoffLink, type HandoffChoices, type HandoffMinted } from '../../core/handoff.ts';
import type { Session } from '../../core/token.ts';
import { followHandoff } from '../../submit/followHandoff.ts';
import { mintHandoff, revokeHandoff } from '../../submit/handoffClient.ts';
import { HandoffScreen, type HandoffView } from './HandoffScreen.tsx';

/** An unclaimed code is replaced this long before it expires, so a person never scans a dead one. */
const RENEW_BEFORE_MS = 60_000;

export interface HandoffPanelProps {
  apiUrl: string;
  /** The page the phone opens (the merchant's `handoffUrl`); the secret goes into its fragment. */
  pageUrl: string;
  session: Session;
  choices: HandoffChoices;
  /** The backend accepted the phone's submission. */
  onSent: (scanRef: string) => void;
  /** "Continue here instead", after the link was revoked. */
  onHere: () => void;
}

/**
 * The desktop's half of a handoff: mints a link, shows it, follows the phone, replaces the code
 * before it expires, and revokes it when the person continues here. Loaded only when asked for.
 */
export default function HandoffPanel({ apiUrl, pageUrl, session, choices, onSent, onHere }: HandoffPanelProps) {
  const [round, setRound] = useState(0);
  const [view, setView] = useState<HandoffView>({ kind: 'MINTING' });
  const minted = useRef<HandoffMinted | null>(null);
  const latest = useRef({ onSent, session, choices });
  latest.current = { onSent, session, choices };

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const renew = () => {
      controller.abort();
      const old = minted.current;
      if (old) void revokeHandoff(apiUrl, old.desktopSecret).catch(() => {});
      setRound((count) => count + 1);
    };
    setView({ kind: 'MINTING' });
    void (async () => {
      let handoff: HandoffMinted;
      try {
        handoff = await mintHandoff(apiUrl, latest.current.session, latest.current.choices, signal);
      } catch (error) {
        if (!signal.aborted) setView({ kind: 'FAILED', error: isOnboardingError(error) ? error : ({ code: 'UNKNOWN', detail: String(error) } satisfies OnboardingError) });
        return;
      }
      if (signal.aborted) return;
      minted.current = handoff;
      const link = handoffLink(pageUrl, handoff.secret);
      let claimed = false;
      const renewal = setTimeout(() => !claimed && renew(), Math.max(5_000, handoff.claimBy - Date.now() - RENEW_BEFORE_MS));
      signal.addEventListener('abort', () => clearTimeout(renewal));
      setView({ kind: 'FOLLOWING', link, status: { kind: 'WAITING', claimBy: handoff.claimBy } });
      await followHandoff({
        apiUrl,
        desktopSecret: handoff.desktopSecret,
        signal,
        onStatus: (status) => {
          if (signal.aborted) return;
          if (status.kind === 'SENT') return latest.current.onSent(status.scanRef);
          // Nobody scanned it in time: a fresh code, without a click.
          if (status.kind === 'EXPIRED' && !claimed) return renew();
          if (status.kind !== 'WAITING') claimed = true;
          setView({ kind: 'FOLLOWING', link, status });
        },
      });
    })();
    return () => controller.abort();
  }, [apiUrl, pageUrl, round]);

  const here = () => {
    const current = minted.current;
    if (current) void revokeHandoff(apiUrl, current.desktopSecret).catch(() => {});
    onHere();
  };
  return <HandoffScreen view={view} onHere={here} onRenew={() => setRound((count) => count + 1)} />;
}
