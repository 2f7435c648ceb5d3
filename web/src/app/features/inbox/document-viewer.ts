import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
  viewChildren,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type OpenedPdf, PdfRenderer } from '../../shared/pdf/pdf-renderer';

const imageExtensions = /\.(png|jpe?g|webp|gif|tiff?)$/i;
const zoomSteps = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
/** Invoices run to a few pages; a longer document shows its first pages and a link to the whole file. */
const maxPagesShown = 20;

/** The kind of viewer a document needs, read from its object key (presigned URLs keep the key's extension). */
export function documentKind(url: string): 'image' | 'pdf' {
  try {
    return imageExtensions.test(new URL(url).pathname) ? 'image' : 'pdf';
  } catch {
    return 'pdf';
  }
}

/**
 * The invoice itself beside the task, with zoom: images as they are, PDFs drawn page by page by pdf.js (100 % fits
 * the panel's width). When a PDF cannot be shown, the viewer says so and links to the file.
 */
@Component({
  selector: 'ev-document-viewer',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './document-viewer.scss',
  template: `
    <div class="zoom" role="group" aria-label="Zoom">
      <button
        mat-icon-button
        type="button"
        aria-label="Zoom out"
        [disabled]="zoomIndex() === 0"
        (click)="zoom(-1)"
        data-testid="zoom-out"
      >
        <mat-icon aria-hidden="true">zoom_out</mat-icon>
      </button>
      <span class="zoom-level" aria-live="polite" data-testid="zoom-level">{{ zoomPercent() }} %</span>
      <button
        mat-icon-button
        type="button"
        aria-label="Zoom in"
        [disabled]="zoomIndex() === zoomSteps.length - 1"
        (click)="zoom(1)"
        data-testid="zoom-in"
      >
        <mat-icon aria-hidden="true">zoom_in</mat-icon>
      </button>
      @if (kind() === 'pdf' && pageCount() > 0) {
        <span class="pages">{{ pageCount() === 1 ? '1 page' : pageCount() + ' pages' }}</span>
      }
      <a mat-button [href]="url()" target="_blank" rel="noopener">Open</a>
    </div>
    <div class="canvas" #scroller tabindex="0" [attr.aria-label]="label() + ', scrollable'">
      @if (kind() === 'image') {
        <img [src]="url()" [alt]="label()" [style.width.%]="zoomPercent()" data-testid="document-image" />
      } @else {
        @switch (pdfState()) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + label()" />
          }
          @case ('failed') {
            <p class="problem" role="alert" data-testid="document-problem">
              <mat-icon aria-hidden="true">error</mat-icon>
              The document cannot be shown here ({{ problem() }}).
              <a [href]="url()" target="_blank" rel="noopener">Open it in a new tab</a>.
            </p>
          }
        }
        @for (page of pages(); track page) {
          <canvas
            #pageCanvas
            class="page"
            role="img"
            [attr.aria-label]="label() + ', page ' + page + ' of ' + pageCount()"
            data-testid="document-page"
          ></canvas>
        }
        @if (pageCount() > pages().length) {
          <p class="more">
            The first {{ pages().length }} pages are shown.
            <a [href]="url()" target="_blank" rel="noopener">Open the whole document</a>.
          </p>
        }
      }
    </div>
  `,
})
export class DocumentViewer {
  private readonly renderer = inject(PdfRenderer);

  readonly url = input.required<string>();
  readonly label = input('Invoice document');

  protected readonly zoomSteps = zoomSteps;
  protected readonly zoomIndex = signal(zoomSteps.indexOf(1));
  protected readonly kind = computed(() => documentKind(this.url()));
  protected readonly zoomPercent = computed(() => Math.round((zoomSteps[this.zoomIndex()] ?? 1) * 100));

  private readonly pdf = signal<OpenedPdf | null>(null);
  protected readonly pdfState = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly problem = signal('');
  protected readonly pageCount = computed(() => this.pdf()?.pageCount ?? 0);
  protected readonly pages = computed(() =>
    Array.from({ length: Math.min(this.pageCount(), maxPagesShown) }, (_, index) => index + 1),
  );
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private readonly canvases = viewChildren<ElementRef<HTMLCanvasElement>>('pageCanvas');
  /** pdf.js draws one page at a time per canvas: renders are queued, and a newer request supersedes older ones. */
  private drawing: Promise<void> = Promise.resolve();
  private drawRequest = 0;

  constructor() {
    effect((onCleanup) => {
      const url = this.url();
      if (this.kind() !== 'pdf') return;
      let current: OpenedPdf | null = null;
      let cancelled = false;
      untracked(() => {
        this.pdf.set(null);
        this.pdfState.set('loading');
        this.renderer.open(url).then(
          (opened) => {
            if (cancelled) {
              void opened.close();
              return;
            }
            current = opened;
            this.pdf.set(opened);
            this.pdfState.set('ready');
          },
          (error: unknown) => {
            if (!cancelled) this.fail(error);
          },
        );
      });
      onCleanup(() => {
        cancelled = true;
        if (current !== null) void current.close();
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.drawRequest += 1;
    });
    afterRenderEffect(() => {
      const pdf = this.pdf();
      const canvases = this.canvases();
      const zoom = zoomSteps[this.zoomIndex()] ?? 1;
      if (pdf === null || canvases.length === 0) return;
      const panel = this.scroller().nativeElement;
      const width = Math.max(240, panel.clientWidth - 16) * zoom;
      const request = ++this.drawRequest;
      this.drawing = this.drawing.then(async () => {
        for (const [index, canvas] of canvases.entries()) {
          if (request !== this.drawRequest) return;
          // data-drawn tells whoever waits for the page (tests, screenshots) that its pixels are there.
          canvas.nativeElement.dataset['drawn'] = 'false';
          await pdf.renderPage(index + 1, canvas.nativeElement, width);
          canvas.nativeElement.dataset['drawn'] = 'true';
        }
      });
      this.drawing = this.drawing.catch((error: unknown) => this.fail(error));
    });
  }

  protected zoom(step: -1 | 1): void {
    this.zoomIndex.update((index) => Math.min(zoomSteps.length - 1, Math.max(0, index + step)));
  }

  private fail(error: unknown): void {
    this.pdfState.set('failed');
    this.problem.set(error instanceof Error && error.message !== '' ? error.message : 'unreadable file');
  }
}
