/**
 * One call for the UI: whatever the user picked becomes either a JPEG within budget or, where the
 * flow allows PDFs, the PDF itself (sent as is, never recompressed). Type from bytes, not name.
 */
import { SNIFF_BYTES, sniffFileType } from '../core/fileType.ts';
import { compressImage, type CompressedImage, type CompressOptions } from './compressImage.ts';
import { ImageError } from './errors.ts';

export interface PreparedImage extends CompressedImage {
  kind: 'image';
}

export interface PreparedPdf {
  kind: 'pdf';
  /** The file's bytes, labelled `application/pdf`. */
  blob: Blob;
  bytes: number;
}

export type PreparedUpload = PreparedImage | PreparedPdf;

export interface PrepareOptions extends CompressOptions {
  /** The document type's `canUploadPDF`. */
  allowPdf: boolean;
}

/**
 * Rejects with an {@link ImageError} (`PDF_NOT_ALLOWED`, `TOO_LARGE`, or any of compressImage's
 * codes); its `detectedType` tells a PDF's TOO_LARGE from an image's, and HEIC from other refusals.
 */
export async function prepareUpload(file: Blob, options: PrepareOptions): Promise<PreparedUpload> {
  const { allowPdf, ...compress } = options;
  compress.signal?.throwIfAborted();
  if (file.size === 0) throw new ImageError('EMPTY_FILE', 'The file is empty.');
  const type = sniffFileType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  compress.signal?.throwIfAborted();
  if (type === 'pdf') {
    if (!allowPdf) throw new ImageError('PDF_NOT_ALLOWED', 'PDF files are not accepted for this document.', type);
    if (file.size > compress.budgetBytes) {
      throw new ImageError('TOO_LARGE', `The PDF is ${file.size} bytes; at most ${compress.budgetBytes} fit.`, type);
    }
    compress.onProgress?.(1);
    return { kind: 'pdf', blob: file.slice(0, file.size, 'application/pdf'), bytes: file.size };
  }
  const image = await compressImage(file, compress);
  return { kind: 'image', ...image };
}
