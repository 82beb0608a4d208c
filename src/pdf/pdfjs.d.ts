// pdf.js's worker entry has no declarations of its own: it is imported for its side effect only.
declare module 'pdfjs-dist/build/pdf.worker.mjs';
