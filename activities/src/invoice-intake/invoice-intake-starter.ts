import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Client, type WorkflowHandle, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Client as ObjectStorageClient } from 'minio';
import { detectContentType, mimeTypes } from '../extraction/content-type';
import type { InvoiceIntakeInput, ResubmittedDocument, StoredDocument } from './intake-types';

/** The workflow type and messages the starter uses (defined beside the workflow in @eventvault/workflows). */
export const invoiceIntakeWorkflowType = 'invoiceIntakeWorkflow';
export const resubmitInvoiceDocumentUpdateName = 'resubmitInvoiceDocument';

/**
 * Every run carries its organisation from the moment it starts, so admin listings (which always filter on it) see
 * it before its first workflow task.
 */
export const organisationIdSearchAttribute = defineSearchAttributeKey(
  'OrganisationId',
  SearchAttributeType.KEYWORD,
);

/**
 * The supplier the invoice is from: set at start when the uploader speaks for a supplier, and by the workflow once it
 * knows (a review may change it). Who may see or resubmit a supplier's upload is judged by it.
 */
export const supplierIdSearchAttribute = defineSearchAttributeKey('SupplierId', SearchAttributeType.KEYWORD);

/** Larger files are refused before they reach storage. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export class InvoiceUploadError extends Error {
  override readonly name = 'InvoiceUploadError';
}

/** One workflow per organisation and document content: a second upload of the same bytes finds the first run. */
export function invoiceIntakeWorkflowId(organisationId: string, sha256: string): string {
  return `invoice-intake-${organisationId}-${sha256}`;
}

export interface InvoiceUpload {
  readonly organisationId: string;
  readonly uploadedBy: string | null;
  readonly supplierId: string | null;
  readonly eventId: string | null;
  readonly purchaseOrderNumber?: string | null;
  readonly fileName: string;
  readonly content: Uint8Array | Readable;
}

export interface StartedIntake {
  readonly workflowId: string;
  /** True when this content was uploaded before: nothing new was started, the existing run is returned. */
  readonly duplicate: boolean;
  readonly document: StoredDocument;
  readonly handle: WorkflowHandle;
}

export interface ResubmittedIntake {
  readonly document: StoredDocument;
  /** The intake's status once it took the new version (received: it is read again). */
  readonly status: string;
}

async function readAll(content: Uint8Array | Readable): Promise<Buffer> {
  if (content instanceof Uint8Array) return Buffer.from(content);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new InvoiceUploadError(`The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks what the bytes are (by content, never by name) and stores them once under organisation + sha256 in the
 * documents bucket (an existing object is not written again). Invoices and quotes alike.
 */
export async function storeDocument(
  storage: ObjectStorageClient,
  documentsBucket: string,
  organisationId: string,
  fileName: string,
  content: Uint8Array | Readable,
): Promise<StoredDocument> {
  const bytes = await readAll(content);
  if (bytes.length === 0) throw new InvoiceUploadError('The document is empty.');
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new InvoiceUploadError(`The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  }
  let type;
  try {
    type = detectContentType(bytes);
  } catch (error) {
    throw new InvoiceUploadError(`${fileName}: ${(error as Error).message}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const objectKey = `organisations/${organisationId}/documents/sha256/${sha256}.${type}`;
  const contentType = mimeTypes[type];
  const exists = await storage.statObject(documentsBucket, objectKey).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await storage.putObject(documentsBucket, objectKey, bytes, bytes.length, {
      'Content-Type': contentType,
      'x-amz-meta-sha256': sha256,
    });
  }
  return { objectKey, sha256, contentType, sizeBytes: bytes.length, fileName };
}

/**
 * Takes an uploaded invoice (API, portal, acceptance script): checks what the bytes are, stores the original under a
 * content-addressed key, and starts its intake workflow, or reports the run that already has this content.
 */
export class InvoiceIntakeStarter {
  constructor(
    private readonly deps: {
      readonly temporal: Client;
      readonly storage: ObjectStorageClient;
      readonly documentsBucket: string;
      readonly taskQueue: string;
    },
  ) {}

  /** Stores the bytes once under organisation + sha256 (an existing object is not written again). */
  store(organisationId: string, fileName: string, content: Uint8Array | Readable): Promise<StoredDocument> {
    return storeDocument(this.deps.storage, this.deps.documentsBucket, organisationId, fileName, content);
  }

  async start(upload: InvoiceUpload): Promise<StartedIntake> {
    const document = await this.store(upload.organisationId, upload.fileName, upload.content);
    const workflowId = invoiceIntakeWorkflowId(upload.organisationId, document.sha256);
    const input: InvoiceIntakeInput = {
      organisationId: upload.organisationId,
      uploadedBy: upload.uploadedBy,
      supplierId: upload.supplierId,
      eventId: upload.eventId,
      purchaseOrderNumber: upload.purchaseOrderNumber ?? null,
      document,
    };
    try {
      const handle = await this.deps.temporal.workflow.start(invoiceIntakeWorkflowType, {
        taskQueue: this.deps.taskQueue,
        workflowId,
        args: [input],
        typedSearchAttributes: [
          { key: organisationIdSearchAttribute, value: upload.organisationId },
          ...(upload.supplierId ? [{ key: supplierIdSearchAttribute, value: upload.supplierId }] : []),
        ],
        // Never a second run for the same content, even after the first one finished.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      });
      return { workflowId, duplicate: false, document, handle };
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        return {
          workflowId,
          duplicate: true,
          document,
          handle: this.deps.temporal.workflow.getHandle(workflowId),
        };
      }
      throw error;
    }
  }

  /**
   * A new version of a document whose approver requested changes: stored, then handed to the waiting intake, whose
   * validator refuses it (WorkflowUpdateFailedError) unless the intake waits for a version and the bytes are new.
   */
  async resubmit(input: {
    readonly workflowId: string;
    readonly organisationId: string;
    readonly submittedBy: string | null;
    readonly fileName: string;
    readonly content: Uint8Array | Readable;
  }): Promise<ResubmittedIntake> {
    const document = await this.store(input.organisationId, input.fileName, input.content);
    const resubmission: ResubmittedDocument = { submittedBy: input.submittedBy, document };
    const state = await this.deps.temporal.workflow
      .getHandle(input.workflowId)
      .executeUpdate<{ readonly status: string }, [ResubmittedDocument]>(resubmitInvoiceDocumentUpdateName, {
        args: [resubmission],
      });
    return { document, status: state.status };
  }
}
