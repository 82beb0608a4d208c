/**
 * One call for the UI: whatever the user picked becomes either a JPEG within budget or, where the
 * flow allows PDFs, the PDF itself (sent as is, never recompressed) or, when the PDF is over
 * budget, the opened document for the person to pick the page to send. Type from bytes, not name.
 */
import { SNIFF_BYTES, sniffFileType } from '../core/fileType.ts';
import type { PdfDocument } from '../pdf/pdfDocument.ts';
import { compressImage, type CompressedImage, type CompressOptions } from './compressImage.ts';
import { ImageError } from './errors.ts';

/** CSS width of the first-page preview of a PDF sent as is. */
const PDF_PREVIEW_WIDTH = 320;

export interface PreparedImage extends CompressedImage {
  kind: 'image';
}

export interface PreparedPdf {
  kind: 'pdf';
  /** The file's bytes, labelled `application/pdf`. */
  blob: Blob;
  bytes: number;
  pageCount: number;
  /** The first page as a small JPEG, for the preview only. */
  preview: Blob;
}

/** A PDF over budget, open so the person can pick the page to send; whoever receives it closes it. */
export interface PdfPages {
  kind: 'pdfPages';
  document: PdfDocument;
  bytes: number;
  pageCount: number;
}

export type PreparedUpload = PreparedImage | PreparedPdf | PdfPages;

export interface PrepareOptions extends CompressOptions {
  /** The document type's `canUploadPDF`. */
  allowPdf: boolean;
}

/**
 * Rejects with an {@link ImageError} (`PDF_NOT_ALLOWED`, the PDF codes of ../pdf/pdfDocument.ts,
 * or any of compressImage's codes); its `detectedType` tells HEIC from other refusals.
 */
export async function prepareUpload(file: Blob, options: PrepareOptions): Promise<PreparedUpload> {
  const { allowPdf, ...compress } = options;
  compress.signal?.throwIfAborted();
  if (file.size === 0) throw new ImageError('EMPTY_FILE', 'The file is empty.');
  const type = sniffFileType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  compress.signal?.throwIfAborted();
  if (type === 'pdf') {
    if (!allowPdf) throw new ImageError('PDF_NOT_ALLOWED', 'PDF files are not accepted for this document.', type);
    return preparePdf(file, compress.budgetBytes, compress.signal);
  }
  const image = await compressImage(file, compress);
  return { kind: 'image', ...image };
}

async function preparePdf(file: Blob, budgetBytes: number, signal: AbortSignal | undefined): Promise<PreparedPdf | PdfPages> {
  let module: typeof import('../pdf/pdfDocument.ts');
  try {
    // pdf.js (~400 kB, plus its worker) is fetched only now, from the widget's own files.
    module = await import('../pdf/pdfDocument.ts');
  } catch (error) {
    throw new ImageError('ENCODE_FAILED', `The PDF reader could not be loaded: ${String(error)}`, 'pdf');
  }
  const document = await module.openPdf(file, signal);
  if (file.size > budgetBytes) return { kind: 'pdfPages', document, bytes: file.size, pageCount: document.pageCount };
  try {
    const preview = await document.preview(1, PDF_PREVIEW_WIDTH, signal);
    return { kind: 'pdf', blob: file.slice(0, file.size, 'application/pdf'), bytes: file.size, pageCount: document.pageCount, preview };
  } finally {
    void document.close();
  }
}
