/**
 * pdf.js's parser as a module worker of the widget's own bundle: Vite (and in the library build the
 * host's bundler, see vite.lib.config.ts) serves it from the page's origin. pdf.js is never left to
 * find its worker itself, which would mean its "fake worker" on the main thread, a `workerSrc` URL
 * or, for a cross-origin one, a `blob:` wrapper.
 */
import 'pdfjs-dist/build/pdf.worker.mjs';
