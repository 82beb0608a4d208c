/**
 * A PDF opened with pdf.js, reduced to what the upload step needs: its page count, a page drawn
 * small for a preview, and a page drawn at upload resolution. Loaded only when a PDF is chosen
 * (the UI imports this module dynamically), so pdf.js costs nothing to anyone sending photos.
 *
 * Safety: `isEvalSupported: false` (no `new Function` for PostScript functions: the hosted page's
 * CSP forbids it, and it would be a PDF running code of its own); no scripting sandbox, no XFA, so
 * a PDF's JavaScript is never run; form fields are drawn by their appearance streams
 * (`AnnotationMode.ENABLE`), never made live. No CMaps, standard-font data or wasm URLs are given,
 * so pdf.js fetches nothing: non-embedded fonts are drawn with the system's, and the few PDFs that
 * need a CMap (non-embedded CJK fonts) lose that text — the whole file is sent when it fits.
 */
import { AnnotationMode, getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import { endsLikePdf, isBlank, previewDrawing, uploadDrawing, type Drawing } from '../core/pdfPage.ts';
import { ImageError, type ImageErrorCode } from '../compress/errors.ts';
import { pdfWorker } from './pdfWorker.ts';

export interface PdfDocument {
  readonly pageCount: number;
  /** Page `number` (from 1) as a JPEG `cssWidth` CSS pixels wide, for a preview or a thumbnail. */
  preview(number: number, cssWidth: number, signal?: AbortSignal): Promise<Blob>;
  /** Page `number` drawn to be sent instead of the PDF (see uploadDrawing); rejects PDF_BLANK_PAGE for a page that draws nothing. */
  drawForUpload(number: number, signal?: AbortSignal): Promise<ImageBitmap>;
  close(): Promise<void>;
}

const fail = (code: ImageErrorCode, message: string) => new ImageError(code, message, 'pdf');

/** Opens `file` (already sniffed as a PDF). Rejects with an {@link ImageError}: PDF_ENCRYPTED, PDF_DAMAGED or PDF_NO_PAGES. */
export async function openPdf(file: Blob, signal?: AbortSignal): Promise<PdfDocument> {
  if (!endsLikePdf(new Uint8Array(await file.slice(Math.max(0, file.size - 1024)).arrayBuffer()))) {
    throw fail('PDF_DAMAGED', 'The file does not end like a PDF (no %%EOF): it was probably cut off.');
  }
  signal?.throwIfAborted();
  const task = getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    worker: pdfWorker(),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: true,
    useWasm: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const abort = (): void => void task.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  let document: PDFDocumentProxy;
  try {
    document = await task.promise;
  } catch (error) {
    signal?.throwIfAborted();
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'PasswordException') throw fail('PDF_ENCRYPTED', 'The PDF needs a password to open.');
    throw fail('PDF_DAMAGED', `pdf.js could not read the file: ${String((error as Error)?.message ?? error)}`);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (document.numPages < 1) {
    await document.destroy();
    throw fail('PDF_NO_PAGES', 'The PDF has no pages.');
  }
  return new OpenPdf(document);
}

class OpenPdf implements PdfDocument {
  constructor(private readonly document: PDFDocumentProxy) {}

  get pageCount(): number {
    return this.document.numPages;
  }

  async preview(number: number, cssWidth: number, signal?: AbortSignal): Promise<Blob> {
    const page = await this.page(number);
    const canvas = await draw(page, previewDrawing(sizeOf(page), cssWidth, globalThis.devicePixelRatio), signal);
    try {
      return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(fail('PDF_DAMAGED', 'The page could not be encoded.'))), 'image/jpeg', 0.85));
    } finally {
      discard(canvas);
    }
  }

  async drawForUpload(number: number, signal?: AbortSignal): Promise<ImageBitmap> {
    const page = await this.page(number);
    const canvas = await draw(page, uploadDrawing(sizeOf(page)), signal);
    try {
      if (drawsNothing(canvas)) throw fail('PDF_BLANK_PAGE', `Page ${number} is blank.`);
      return await createImageBitmap(canvas);
    } finally {
      discard(canvas);
      page.cleanup();
    }
  }

  close(): Promise<void> {
    return this.document.destroy();
  }

  private async page(number: number): Promise<PDFPageProxy> {
    try {
      return await this.document.getPage(number);
    } catch (error) {
      throw fail('PDF_DAMAGED', `Page ${number} could not be read: ${String((error as Error)?.message ?? error)}`);
    }
  }
}

function sizeOf(page: PDFPageProxy): { width: number; height: number } {
  const { width, height } = page.getViewport({ scale: 1 });
  return { width, height };
}

async function draw(page: PDFPageProxy, drawing: Drawing, signal?: AbortSignal): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas');
  canvas.width = drawing.width;
  canvas.height = drawing.height;
  const task = page.render({
    canvas,
    viewport: page.getViewport({ scale: drawing.scale }),
    annotationMode: AnnotationMode.ENABLE,
    background: '#ffffff',
  });
  const cancel = (): void => task.cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
    return canvas;
  } catch (error) {
    discard(canvas);
    signal?.throwIfAborted();
    throw fail('PDF_DAMAGED', `The page could not be drawn: ${String((error as Error)?.message ?? error)}`);
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

/** Checked on a small copy: a page with any text keeps grey pixels when shrunk to 256 px. */
function drawsNothing(canvas: HTMLCanvasElement): boolean {
  const width = Math.min(256, canvas.width);
  const height = Math.max(1, Math.round((canvas.height * width) / canvas.width));
  const small = document.createElement('canvas');
  small.width = width;
  small.height = height;
  const context = small.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  context.drawImage(canvas, 0, 0, width, height);
  const blank = isBlank(context.getImageData(0, 0, width, height).data);
  discard(small);
  return blank;
}

/** Gives a canvas's memory back at once rather than at the next garbage collection (Safari counts it against a small total). */
function discard(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}
