export type ExtractionErrorCode =
  'UNSUPPORTED_CONTENT' | 'CORRUPT_DOCUMENT' | 'OCR_UNAVAILABLE' | 'RASTERISER_UNAVAILABLE';

/**
 * A document that cannot be read as it is: retrying does not help (the activity turns it into a non-retryable
 * failure), except for `OCR_UNAVAILABLE`/`RASTERISER_UNAVAILABLE`, which describe this machine, not the document.
 */
export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
  constructor(
    readonly code: ExtractionErrorCode,
    message: string,
  ) {
    super(message);
  }

  get isDocumentProblem(): boolean {
    return this.code === 'UNSUPPORTED_CONTENT' || this.code === 'CORRUPT_DOCUMENT';
  }
}
