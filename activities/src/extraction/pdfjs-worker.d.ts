// pdfjs-dist ships no types for its worker module; it is only handed to pdfjs as an opaque value.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
