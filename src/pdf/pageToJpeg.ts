/**
 * One page of a PDF too large to send, as the JPEG sent in its place: drawn by pdf.js at upload
 * resolution on the main thread (pdf.js draws on a DOM canvas), encoded within the step's budget
 * by the compression worker's own search, so a page is held to exactly the rules of a photo.
 */
import { encodeBitmap, type CompressedImage } from '../compress/compressImage.ts';
import type { PdfDocument } from './pdfDocument.ts';

export interface PageOptions {
  budgetBytes: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export async function pageToJpeg(document: PdfDocument, page: number, { budgetBytes, signal, onProgress }: PageOptions): Promise<CompressedImage> {
  onProgress?.(0.05);
  const bitmap = await document.drawForUpload(page, signal);
  onProgress?.(0.5);
  const encodeOptions: Parameters<typeof encodeBitmap>[1] = { budgetBytes, onProgress: (fraction) => onProgress?.(0.5 + fraction / 2) };
  if (signal) encodeOptions.signal = signal;
  const { blob, width, height, bytes } = await encodeBitmap(bitmap, encodeOptions);
  return { blob, width, height, bytes };
}
