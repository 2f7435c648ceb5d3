import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ExtractedInvoice } from '@eventvault/domain';
import type { Client as ObjectStorageClient } from 'minio';
import type { PageText } from './document-text';
import { ExtractionError } from './extraction-errors';
import { extractInvoice } from './invoice-extractor';
import type { OcrPool } from './ocr-pool';
import type { ExtractionHints } from './parsing/invoice-text-parser';
import { renderThumbnail } from './thumbnail';

export interface ExtractionDependencies {
  readonly storage: ObjectStorageClient;
  readonly documentsBucket: string;
  /** The process's OCR pool, asked for only when a page needs OCR. */
  readonly ocr: () => Promise<OcrPool>;
  /** How often to heartbeat while a page is being read (default 10 s). */
  readonly heartbeatIntervalMs?: number;
}

export interface ExtractInvoiceDocumentInput {
  readonly organisationId: string;
  readonly objectKey: string;
  readonly hints?: ExtractionHints;
}

/** What the activity heartbeats: the last page whose text is saved beside the original. */
export interface ExtractionProgress {
  readonly page: number;
}

export const textKey = (objectKey: string) => `${objectKey}.txt`;
export const thumbnailKey = (objectKey: string) => `${objectKey}.thumb.webp`;
export const pageTextKey = (objectKey: string, page: number) => `${objectKey}.pages/${page}.json`;

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchBucket';
}

function asFailure(error: unknown): unknown {
  if (error instanceof ExtractionError) {
    const type = `ExtractionError.${error.code}`;
    return error.isDocumentProblem
      ? ApplicationFailure.nonRetryable(error.message, type)
      : ApplicationFailure.retryable(error.message, type);
  }
  return error;
}

async function readObject(storage: ObjectStorageClient, bucket: string, key: string): Promise<Buffer> {
  try {
    const stream = await storage.getObject(bucket, key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    if (isNotFound(error)) {
      throw ApplicationFailure.nonRetryable(`No document at ${bucket}/${key}.`, 'DocumentNotFound');
    }
    throw error;
  }
}

function heartbeatDetails(): ExtractionProgress | undefined {
  const details = Context.current().info.heartbeatDetails as unknown;
  if (
    typeof details === 'object' &&
    details !== null &&
    typeof (details as ExtractionProgress).page === 'number'
  ) {
    return details as ExtractionProgress;
  }
  return undefined;
}

/**
 * The extraction activities: the invoice's fields from a stored document, and its thumbnail. Everything they write
 * sits beside the original in the documents bucket; running them again rewrites the same keys.
 */
export function createExtractionActivities(deps: ExtractionDependencies) {
  const bucket = deps.documentsBucket;
  return {
    async extractInvoiceDocument(input: ExtractInvoiceDocumentInput): Promise<ExtractedInvoice> {
      if (!input.objectKey.split('/').includes(input.organisationId)) {
        throw ApplicationFailure.nonRetryable(
          `Document ${input.objectKey} is not stored under organisation ${input.organisationId}.`,
          'DocumentNotInOrganisation',
        );
      }
      const original = await readObject(deps.storage, bucket, input.objectKey);
      const done = new Map<number, PageText>();
      const resumeAfter = heartbeatDetails()?.page ?? 0;
      for (let page = 1; page <= resumeAfter; page++) {
        try {
          const saved = JSON.parse(
            (await readObject(deps.storage, bucket, pageTextKey(input.objectKey, page))).toString('utf8'),
          ) as PageText;
          if (saved.pageNumber === page) done.set(page, saved);
        } catch {
          break; // a missing checkpoint is simply read again
        }
      }
      let lastPage = resumeAfter;
      const context = Context.current();
      const ticker = setInterval(
        () => context.heartbeat({ page: lastPage }),
        deps.heartbeatIntervalMs ?? 10_000,
      );
      try {
        const extraction = await extractInvoice(original, {
          ocr: deps.ocr,
          hints: input.hints,
          done,
          onPage: async (page) => {
            if (!done.has(page.pageNumber)) {
              await deps.storage.putObject(
                bucket,
                pageTextKey(input.objectKey, page.pageNumber),
                Buffer.from(JSON.stringify(page)),
                undefined,
                { 'Content-Type': 'application/json' },
              );
            }
            lastPage = page.pageNumber;
            context.heartbeat({ page: page.pageNumber } satisfies ExtractionProgress);
          },
        });
        await deps.storage.putObject(
          bucket,
          textKey(input.objectKey),
          Buffer.from(extraction.text, 'utf8'),
          undefined,
          {
            'Content-Type': 'text/plain; charset=utf-8',
          },
        );
        return extraction.invoice;
      } catch (error) {
        throw asFailure(error);
      } finally {
        clearInterval(ticker);
      }
    },

    /** The first page as a WebP about 320 px wide, stored once at `<objectKey>.thumb.webp`. */
    async createDocumentThumbnail(input: { readonly objectKey: string }): Promise<{ thumbnailKey: string }> {
      const key = thumbnailKey(input.objectKey);
      try {
        await deps.storage.statObject(bucket, key);
        return { thumbnailKey: key };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      const original = await readObject(deps.storage, bucket, input.objectKey);
      try {
        const thumbnail = await renderThumbnail(original);
        await deps.storage.putObject(bucket, key, thumbnail, thumbnail.length, {
          'Content-Type': 'image/webp',
        });
        return { thumbnailKey: key };
      } catch (error) {
        throw asFailure(error);
      }
    },
  };
}

export type ExtractionActivities = ReturnType<typeof createExtractionActivities>;
