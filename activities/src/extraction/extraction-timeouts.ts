/**
 * Recommended Temporal options for the extraction activities, for the intake workflow's `proxyActivities`. This file
 * imports nothing, so workflow code may import it.
 *
 * OCR reads about one A4 page per core every 2-5 s; the activity heartbeats after each page and every 10 s while a
 * page is being read, so a worker that dies mid-document is noticed within `heartbeatTimeout` and the retry resumes
 * after the last finished page.
 */
export const extractionActivityOptions = {
  extractInvoiceDocument: {
    startToCloseTimeout: '15 minutes',
    heartbeatTimeout: '45 seconds',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      maximumAttempts: 5,
      nonRetryableErrorTypes: [
        'ExtractionError.UNSUPPORTED_CONTENT',
        'ExtractionError.CORRUPT_DOCUMENT',
        'DocumentNotFound',
      ],
    },
  },
  createDocumentThumbnail: {
    startToCloseTimeout: '2 minutes',
    retry: {
      maximumAttempts: 3,
      nonRetryableErrorTypes: [
        'ExtractionError.UNSUPPORTED_CONTENT',
        'ExtractionError.CORRUPT_DOCUMENT',
        'DocumentNotFound',
      ],
    },
  },
} as const;
