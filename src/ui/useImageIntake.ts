import { useCallback, useEffect, useRef, useState } from 'react';
import type { CapturedImage } from '../core/flow.ts';
import { isImageError } from '../compress/compressImage.ts';
import { prepareUpload } from '../compress/prepareUpload.ts';

export type IntakeFailure = 'MULTIPLE_FILES' | 'UNSUPPORTED_TYPE' | 'HEIC' | 'PDF_NOT_ALLOWED' | 'EMPTY_FILE' | 'DECODE_FAILED' | 'ENCODE_FAILED' | 'TOO_LARGE' | 'PDF_TOO_LARGE';

export type IntakeState =
  | { kind: 'idle' }
  /** `progress` 0..1 as the worker reports it; 0 until its first report. */
  | { kind: 'processing'; progress: number }
  | { kind: 'failed'; code: IntakeFailure; limit?: number };

interface IntakeOptions {
  budgetBytes: number;
  allowPdf: boolean;
  onImage: (image: CapturedImage) => void;
}

/**
 * Turns a chosen file into an image within budget, off the main thread. A newer file, or leaving
 * the step, cancels the work on the older one so a slow photo never lands on the wrong step.
 */
export function useImageIntake({ budgetBytes, allowPdf, onImage }: IntakeOptions) {
  const [state, setState] = useState<IntakeState>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);
  const latestOnImage = useRef(onImage);
  latestOnImage.current = onImage;

  useEffect(() => () => running.current?.abort(), []);

  const take = useCallback(
    async (files: File[]) => {
      running.current?.abort();
      const file = files[0];
      if (!file) return;
      if (files.length > 1) return setState({ kind: 'failed', code: 'MULTIPLE_FILES' });
      const controller = new AbortController();
      running.current = controller;
      setState({ kind: 'processing', progress: 0 });
      const onProgress = (progress: number): void => {
        if (!controller.signal.aborted) setState({ kind: 'processing', progress });
      };
      try {
        const prepared = await prepareUpload(file, { budgetBytes, allowPdf, signal: controller.signal, onProgress });
        if (controller.signal.aborted) return;
        latestOnImage.current(
          prepared.kind === 'pdf'
            ? { blob: prepared.blob, mediaType: 'application/pdf', bytes: prepared.bytes, fileName: file.name }
            : { blob: prepared.blob, mediaType: 'image/jpeg', bytes: prepared.bytes, width: prepared.width, height: prepared.height },
        );
        setState({ kind: 'idle' });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState(toFailure(error, budgetBytes));
      }
    },
    [budgetBytes, allowPdf],
  );

  return { state, take };
}

function toFailure(error: unknown, budgetBytes: number): IntakeState {
  if (!isImageError(error)) return { kind: 'failed', code: 'ENCODE_FAILED' };
  switch (error.code) {
    case 'UNSUPPORTED_TYPE':
    case 'DECODE_FAILED':
      // A HEIC that could not be converted here (no WebAssembly, a CSP without 'wasm-unsafe-eval',
      // a damaged file) gets the message that names HEIC and the way around it.
      return { kind: 'failed', code: error.detectedType === 'heic' ? 'HEIC' : error.code };
    case 'TOO_LARGE':
      return error.detectedType === 'pdf' ? { kind: 'failed', code: 'PDF_TOO_LARGE', limit: budgetBytes } : { kind: 'failed', code: 'TOO_LARGE' };
    default:
      return { kind: 'failed', code: error.code };
  }
}
