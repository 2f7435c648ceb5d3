import { Injectable } from '@angular/core';

/** An opened PDF whose pages can be drawn onto canvases. */
export interface OpenedPdf {
  readonly pageCount: number;
  /** Draws page `pageNumber` (from 1) into `canvas`, `cssWidth` CSS pixels wide, sharp on high-density screens. */
  renderPage(pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  close(): Promise<void>;
}

/** Where the build puts pdf.js's worker and data files (angular.json assets): served by this app, never a CDN. */
const pdfjsBase = '/pdfjs/';

/**
 * PDFs drawn by pdf.js in the page itself, so every browser (and a tablet without a PDF plug-in) shows the same
 * document with the same zoom. pdf.js is loaded on first use: it is large and most screens never need it.
 */
@Injectable({ providedIn: 'root' })
export class PdfRenderer {
  async open(url: string): Promise<OpenedPdf> {
    const pdfjs = await import('pdfjs-dist');
    pdfjs.GlobalWorkerOptions.workerSrc = `${pdfjsBase}pdf.worker.min.mjs`;
    const loading = pdfjs.getDocument({
      url,
      // The page's Content-Security-Policy allows no eval; one plain GET of the presigned link, no range requests.
      isEvalSupported: false,
      disableRange: true,
      disableStream: true,
      disableAutoFetch: true,
      cMapUrl: `${pdfjsBase}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${pdfjsBase}standard_fonts/`,
      wasmUrl: `${pdfjsBase}wasm/`,
      iccUrl: `${pdfjsBase}iccs/`,
    });
    const document = await loading.promise;
    return {
      pageCount: document.numPages,
      async renderPage(pageNumber, canvas, cssWidth) {
        const page = await document.getPage(pageNumber);
        const natural = page.getViewport({ scale: 1 });
        const pixelRatio = globalThis.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (cssWidth / natural.width) * pixelRatio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / pixelRatio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / pixelRatio)}px`;
        await page.render({ canvas, viewport }).promise;
      },
      close: () => loading.destroy(),
    };
  }
}
