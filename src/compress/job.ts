import type { CompressRequest, CompressSuccess } from './protocol.ts';

/** What one compression produces, before the worker adds the request id. */
export type Result = Omit<CompressSuccess, 'id' | 'ok'>;

/** One request as the worker's pipeline sees it. */
export interface Job {
  request: CompressRequest;
  /** 0..1, reported to the client (the worker drops values that would go backwards). */
  progress: (fraction: number) => void;
  signal: AbortSignal;
  /** Throws {@link CANCELLED} if the client gave up on this request. */
  check: () => void;
}
