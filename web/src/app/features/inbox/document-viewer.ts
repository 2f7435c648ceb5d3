import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';

const imageExtensions = /\.(png|jpe?g|webp|gif|tiff?)$/i;
const zoomSteps = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/** The kind of viewer a document needs, read from its object key (presigned URLs keep the key's extension). */
export function documentKind(url: string): 'image' | 'pdf' {
  try {
    return imageExtensions.test(new URL(url).pathname) ? 'image' : 'pdf';
  } catch {
    return 'pdf';
  }
}

/** The invoice itself beside the task: images with zoom, PDFs in the browser's own viewer (which zooms itself). */
@Component({
  selector: 'ev-document-viewer',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './document-viewer.scss',
  template: `
    @if (kind() === 'image') {
      <div class="zoom" role="group" aria-label="Zoom">
        <button
          mat-icon-button
          type="button"
          aria-label="Zoom out"
          [disabled]="zoomIndex() === 0"
          (click)="zoom(-1)"
        >
          <mat-icon aria-hidden="true">zoom_out</mat-icon>
        </button>
        <span class="zoom-level" aria-live="polite">{{ zoomPercent() }} %</span>
        <button
          mat-icon-button
          type="button"
          aria-label="Zoom in"
          [disabled]="zoomIndex() === zoomSteps.length - 1"
          (click)="zoom(1)"
        >
          <mat-icon aria-hidden="true">zoom_in</mat-icon>
        </button>
        <a mat-button [href]="url()" target="_blank" rel="noopener">Open</a>
      </div>
      <div class="canvas" tabindex="0" aria-label="Document image, scrollable">
        <img [src]="url()" [alt]="label()" [style.width.%]="zoomPercent()" data-testid="document-image" />
      </div>
    } @else {
      <iframe class="pdf" [src]="safeUrl()" [title]="label()" data-testid="document-pdf"></iframe>
    }
  `,
})
export class DocumentViewer {
  private readonly sanitizer = inject(DomSanitizer);

  readonly url = input.required<string>();
  readonly label = input('Invoice document');

  protected readonly zoomSteps = zoomSteps;
  protected readonly zoomIndex = signal(zoomSteps.indexOf(1));
  protected readonly kind = computed(() => documentKind(this.url()));
  protected readonly zoomPercent = computed(() => Math.round((zoomSteps[this.zoomIndex()] ?? 1) * 100));
  // A presigned link the API issued for this very document; the frame needs it as a resource URL.
  protected readonly safeUrl = computed<SafeResourceUrl>(() =>
    this.sanitizer.bypassSecurityTrustResourceUrl(this.url()),
  );

  protected zoom(step: -1 | 1): void {
    this.zoomIndex.update((index) => Math.min(zoomSteps.length - 1, Math.max(0, index + step)));
  }
}
