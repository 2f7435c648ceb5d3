import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { type OpenedPdf, PdfRenderer } from '../../shared/pdf/pdf-renderer';
import { DocumentViewer, documentKind } from './document-viewer';

@Component({
  imports: [DocumentViewer],
  template: `<ev-document-viewer [url]="url()" label="Invoice INV-7" />`,
})
class Host {
  readonly url = signal('http://s3.test/docs/invoice.pdf?X-Amz-Signature=abc');
}

/** A PDF of `pageCount` pages that records every page it draws and at what width. */
class FakePdfRenderer {
  readonly drawn: { page: number; width: number }[] = [];
  opened: string[] = [];
  closed = 0;
  failWith: Error | null = null;

  constructor(private readonly pageCount: number) {}

  open(url: string): Promise<OpenedPdf> {
    this.opened.push(url);
    if (this.failWith !== null) return Promise.reject(this.failWith);
    return Promise.resolve({
      pageCount: this.pageCount,
      renderPage: (page: number, _canvas: HTMLCanvasElement, width: number) => {
        this.drawn.push({ page, width });
        return Promise.resolve();
      },
      close: () => {
        this.closed += 1;
        return Promise.resolve();
      },
    });
  }
}

async function render(renderer: FakePdfRenderer) {
  TestBed.configureTestingModule({
    imports: [Host],
    providers: [{ provide: PdfRenderer, useValue: renderer }],
  });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DocumentViewer', () => {
  it('tells images from PDFs by the object key of the link', () => {
    expect(documentKind('http://s3.test/org/doc.PNG?sig=1')).toBe('image');
    expect(documentKind('http://s3.test/org/doc.pdf?sig=1')).toBe('pdf');
    expect(documentKind('not a url')).toBe('pdf');
  });

  it('draws every page of a PDF with pdf.js, and draws them wider when zoomed in', async () => {
    const renderer = new FakePdfRenderer(2);
    const { fixture, element } = await render(renderer);
    await settle();
    await fixture.whenStable();

    const pages = element.querySelectorAll('[data-testid="document-page"]');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.getAttribute('aria-label')).toBe('Invoice INV-7, page 2 of 2');
    expect(element.textContent).toContain('2 pages');
    expect(renderer.drawn.map((d) => d.page)).toEqual([1, 2]);
    expect(Array.from(pages, (page) => (page as HTMLCanvasElement).dataset['drawn'])).toEqual([
      'true',
      'true',
    ]);
    const fitted = renderer.drawn[0]!.width;

    (element.querySelector('[data-testid="zoom-in"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    await settle();
    expect(element.querySelector('[data-testid="zoom-level"]')?.textContent).toContain('125 %');
    const zoomed = renderer.drawn.slice(2);
    expect(zoomed.map((d) => d.page)).toEqual([1, 2]);
    expect(zoomed[0]!.width).toBeCloseTo(fitted * 1.25);
  });

  it('says why a PDF cannot be shown and links to the file', async () => {
    const renderer = new FakePdfRenderer(1);
    renderer.failWith = new Error('Unexpected server response (403)');
    const { fixture, element } = await render(renderer);
    await settle();
    await fixture.whenStable();

    const problem = element.querySelector('[data-testid="document-problem"]');
    expect(problem?.textContent).toContain('Unexpected server response (403)');
    expect(problem?.querySelector('a')?.getAttribute('href')).toContain('invoice.pdf');
    expect(element.querySelectorAll('[data-testid="document-page"]')).toHaveLength(0);
  });

  it('closes the old PDF when the task shows another document', async () => {
    const renderer = new FakePdfRenderer(1);
    const { fixture } = await render(renderer);
    await settle();
    fixture.componentInstance.url.set('http://s3.test/docs/other.pdf?sig=2');
    await fixture.whenStable();
    await settle();
    expect(renderer.opened).toHaveLength(2);
    expect(renderer.closed).toBe(1);
  });

  it('shows an image as it is, zoomable', async () => {
    const renderer = new FakePdfRenderer(1);
    const { fixture, element } = await render(renderer);
    fixture.componentInstance.url.set('http://s3.test/docs/scan.png?sig=3');
    await fixture.whenStable();
    const image = element.querySelector<HTMLImageElement>('[data-testid="document-image"]');
    expect(image?.alt).toBe('Invoice INV-7');
    expect(image?.style.width).toBe('100%');
    (element.querySelector('[data-testid="zoom-out"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(image?.style.width).toBe('75%');
  });
});
