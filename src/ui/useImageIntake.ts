import { useCallback, useEffect, useRef, useState } from 'react';
import type { CapturedImage } from '../core/flow.ts';
import { isImageError, type ImageErrorCode } from '../compress/compressImage.ts';
import { prepareUpload, type PdfPages } from '../compress/prepareUpload.ts';
import { pageToJpeg } from '../pdf/pageToJpeg.ts';
import type { UploadCheck, UploadFinding } from '../quality/uploadFindings.ts';

/** Why a file was not taken: the compressor's and PDF reader's codes, plus two of the intake's own. */
export type IntakeFailure = ImageErrorCode | 'MULTIPLE_FILES' | 'HEIC';

/** A PDF too large to send whole, open for the person to pick the page to send instead. */
export interface PageChoice {
  pdf: PdfPages;
  fileName: string;
  /** The page chosen (from 1); the first until the person picks another. */
  page: number;
  /** 0..1 while that page is drawn and encoded; `null` once it is the step's image (or failed). */
  progress: number | null;
  /** Why the chosen page could not be used (a blank page, say); the person picks another. */
  failure?: IntakeFailure;
}

export type IntakeState =
  | { kind: 'idle' }
  /** `progress` 0..1 as the worker reports it; 0 until its first report. */
  | { kind: 'processing'; progress: number }
  | { kind: 'failed'; code: IntakeFailure; limit?: number }
  /** A photo that failed a check: shown with what is wrong, kept only if the person says so. */
  | { kind: 'flagged'; image: CapturedImage; findings: UploadFinding[] }
  | ({ kind: 'choosingPage' } & PageChoice);

interface IntakeOptions {
  budgetBytes: number;
  allowPdf: boolean;
  onImage: (image: CapturedImage) => void;
  /** The checks each photo gets in the worker; none when absent (the `qualityGate` is off). */
  check?: UploadCheck | undefined;
}

/**
 * Turns a chosen file into an image within budget, off the main thread. A newer file, or leaving
 * the step, cancels the work on the older one so a slow photo never lands on the wrong step. A PDF
 * over budget stays open while the person picks its page; choosing another file or leaving closes it.
 */
export function useImageIntake({ budgetBytes, allowPdf, onImage, check }: IntakeOptions) {
  const [state, setState] = useState<IntakeState>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);
  const openPdf = useRef<PdfPages | null>(null);
  const latestOnImage = useRef(onImage);
  latestOnImage.current = onImage;

  const closePdf = useCallback(() => {
    void openPdf.current?.document.close();
    openPdf.current = null;
  }, []);

  useEffect(
    () => () => {
      running.current?.abort();
      closePdf();
    },
    [closePdf],
  );

  const start = (): AbortController => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    return controller;
  };

  const renderPage = useCallback(
    async (choice: Omit<PageChoice, 'progress' | 'failure'>, controller: AbortController) => {
      const { pdf, fileName, page } = choice;
      setState({ kind: 'choosingPage', ...choice, progress: 0 });
      try {
        const image = await pageToJpeg(pdf.document, page, {
          budgetBytes,
          signal: controller.signal,
          onProgress: (progress) => {
            if (!controller.signal.aborted) setState({ kind: 'choosingPage', ...choice, progress });
          },
        });
        if (controller.signal.aborted) return;
        latestOnImage.current({ ...image, mediaType: 'image/jpeg', fileName, pageCount: pdf.pageCount, pdfPage: page });
        setState({ kind: 'choosingPage', ...choice, progress: null });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ kind: 'choosingPage', ...choice, progress: null, failure: failureOf(error).code });
      }
    },
    [budgetBytes],
  );

  const take = useCallback(
    async (files: File[]) => {
      const file = files[0];
      if (!file) return;
      const controller = start();
      closePdf();
      if (files.length > 1) return setState({ kind: 'failed', code: 'MULTIPLE_FILES' });
      setState({ kind: 'processing', progress: 0 });
      const onProgress = (progress: number): void => {
        if (!controller.signal.aborted) setState({ kind: 'processing', progress });
      };
      try {
        const prepared = await prepareUpload(file, { budgetBytes, allowPdf, signal: controller.signal, onProgress, ...(check ? { check } : {}) });
        if (controller.signal.aborted) {
          if (prepared.kind === 'pdfPages') void prepared.document.close();
          return;
        }
        if (prepared.kind === 'pdfPages') {
          openPdf.current = prepared;
          return renderPage({ pdf: prepared, fileName: file.name, page: 1 }, controller);
        }
        if (prepared.kind === 'pdf') {
          latestOnImage.current({ blob: prepared.blob, mediaType: 'application/pdf', bytes: prepared.bytes, fileName: file.name, pageCount: prepared.pageCount, preview: prepared.preview });
          return setState({ kind: 'idle' });
        }
        const image: CapturedImage = { blob: prepared.blob, mediaType: 'image/jpeg', bytes: prepared.bytes, width: prepared.width, height: prepared.height };
        if (prepared.findings?.length) return setState({ kind: 'flagged', image, findings: prepared.findings });
        latestOnImage.current(image);
        setState({ kind: 'idle' });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState(failureOf(error, budgetBytes));
      }
    },
    [budgetBytes, allowPdf, check, closePdf, renderPage],
  );

  /** The person keeps a flagged photo ("Use it anyway"). */
  const keepFlagged = useCallback(() => {
    if (state.kind !== 'flagged') return;
    latestOnImage.current(state.image);
    setState({ kind: 'idle' });
  }, [state]);

  /** The person picked page `page` (from 1) of the open PDF. */
  const choosePage = useCallback(
    (page: number) => {
      if (state.kind !== 'choosingPage' || !openPdf.current) return;
      void renderPage({ pdf: state.pdf, fileName: state.fileName, page }, start());
    },
    [state, renderPage],
  );

  return { state, take, choosePage, keepFlagged };
}

function failureOf(error: unknown, budgetBytes?: number): { kind: 'failed'; code: IntakeFailure; limit?: number } {
  if (!isImageError(error)) return { kind: 'failed', code: 'ENCODE_FAILED' };
  switch (error.code) {
    case 'UNSUPPORTED_TYPE':
    case 'DECODE_FAILED':
      // A HEIC that could not be converted here (no WebAssembly, a CSP without 'wasm-unsafe-eval',
      // a damaged file) gets the message that names HEIC and the way around it.
      return { kind: 'failed', code: error.detectedType === 'heic' ? 'HEIC' : error.code };
    case 'TOO_LARGE':
      return budgetBytes === undefined ? { kind: 'failed', code: 'TOO_LARGE' } : { kind: 'failed', code: 'TOO_LARGE', limit: budgetBytes };
    default:
      return { kind: 'failed', code: error.code };
  }
}
