import type { WorkerErrorCode } from './protocol.ts';

/** A failure the worker reports to the client as `{ ok: false, code, message }`. */
export class Failure extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown inside the worker when the client gave up on a request; never reported. */
export const CANCELLED = Symbol('cancelled');

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
