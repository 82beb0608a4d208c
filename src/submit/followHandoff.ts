import { isFinalStatus, parseHandoffStatus, type HandoffStatus } from '../core/handoff.ts';
import { handoffStatus } from './handoffClient.ts';

export interface FollowOptions {
  apiUrl: string;
  desktopSecret: string;
  onStatus: (status: HandoffStatus) => void;
  signal: AbortSignal;
  /** Polling interval when the stream cannot be had or went quiet (ms). */
  pollMs?: number;
  /** A stream silent for this long (no event, no heartbeat) is given up for polling (ms). */
  silenceMs?: number;
}

/**
 * Follows a handoff until it is final or `signal` aborts: Server-Sent Events read with fetch (so
 * the desktop's secret goes in the Authorization header; EventSource cannot send one), and when
 * the stream fails or falls silent past its heartbeats, polling `POST …/status`. Resolves with the
 * final status.
 */
export async function followHandoff(options: FollowOptions): Promise<HandoffStatus | null> {
  const { signal } = options;
  const pollMs = options.pollMs ?? 2_000;
  let last: HandoffStatus | null = null;
  const seen = (status: HandoffStatus) => {
    last = status;
    options.onStatus(status);
    return isFinalStatus(status);
  };
  for (let round = 0; !signal.aborted; round++) {
    // The stream first, then again now and then: a proxy that cut one may pass the next.
    if (round % 10 === 0 && (await stream(options, seen))) return last;
    if (signal.aborted) break;
    try {
      if (seen(await handoffStatus(options.apiUrl, options.desktopSecret, signal))) return last;
    } catch {
      // Offline for a moment, or the backend busy: the next round asks again.
    }
    await sleep(pollMs, signal);
  }
  return last;
}

/** Reads the events stream; true once a final status arrived, false when it ended or failed before. */
async function stream(options: FollowOptions, seen: (status: HandoffStatus) => boolean): Promise<boolean> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal.addEventListener('abort', abort);
  let silence: ReturnType<typeof setTimeout> | undefined;
  const awake = () => {
    clearTimeout(silence);
    silence = setTimeout(abort, options.silenceMs ?? 40_000);
  };
  try {
    awake();
    const response = await fetch(`${options.apiUrl}/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${options.desktopSecret}` },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (!response.ok || !response.body) return false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      awake();
      buffer += value;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const status = statusEvent(block);
        if (status && seen(status)) return true;
      }
    }
  } catch {
    return false;
  } finally {
    clearTimeout(silence);
    controller.abort();
    options.signal.removeEventListener('abort', abort);
  }
}

/** One event block's status, when it is a `status` event: `event:` and `data:` lines as SSE has them. */
export function statusEvent(block: string): HandoffStatus | null {
  const lines = block.split('\n');
  if (!lines.some((line) => line === 'event: status')) return null;
  const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
  try {
    return parseHandoffStatus(JSON.parse(data));
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
