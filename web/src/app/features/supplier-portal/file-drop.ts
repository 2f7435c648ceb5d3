import { Directive, output, signal } from '@angular/core';

/** A drop target for files: marks itself `dragging` while files hover over it and emits the files dropped. */
@Directive({
  selector: '[evFileDrop]',
  host: {
    '[class.dragging]': 'dragging()',
    '(dragover)': 'onDragOver($event)',
    '(dragleave)': 'dragging.set(false)',
    '(drop)': 'onDrop($event)',
  },
})
export class FileDrop {
  readonly filesDropped = output<File[]>();
  protected readonly dragging = signal(false);

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.filesDropped.emit(Array.from(event.dataTransfer?.files ?? []));
  }
}
