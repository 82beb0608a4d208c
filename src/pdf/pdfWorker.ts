/**
 * One pdf.js worker for the page's lifetime, started the first time a PDF is opened. Kept rather
 * than ended per file: starting it parses 2 MB of script, and a person who picked the wrong PDF
 * picks another one.
 */
import { PDFWorker } from 'pdfjs-dist';

let shared: PDFWorker | undefined;

export function pdfWorker(): PDFWorker {
  if (shared && !shared.destroyed) return shared;
  const port = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'markid-pdf' });
  const created = PDFWorker.create({ port, name: 'markid-pdf' });
  shared = created;
  return created;
}
