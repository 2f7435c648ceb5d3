import { Injectable, UnprocessableEntityException, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  type WorkflowExecutionDescription,
  type WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  detectContentType,
  ExtractionError,
  invoiceIntakeWorkflowId,
  invoiceIntakeWorkflowType,
  InvoiceUploadError,
  supplierIdSearchAttribute,
} from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { type Role } from '../auth/roles';
import { CallerDirectory, type ResolvedCaller } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { rethrowDependencyDown } from './dependency-errors';
import { IntakeWorkflows } from './intake-workflows';
import { documentLabel, parseInvoiceUploadFields, parseResubmissionFields } from './upload-fields';

/** The intake workflow's state query (invoiceIntakeStateQuery beside the workflow; the API does not load workflow code). */
export const invoiceIntakeStateQueryName = 'invoiceIntakeState';

/** How long a status request waits for the intake to answer its query (a worker must be polling). */
const STATE_QUERY_DEADLINE_MS = 3_000;
/** How long a resubmission waits for the intake to take the new version (its validator runs on a worker). */
const RESUBMIT_DEADLINE_MS = 20_000;

/**
 * Roles that see every upload of their organisation. A caller with none of them (a supplier's user) sees, and
 * resubmits, only the uploads of the supplier their user speaks for.
 */
const organisationWideRoles: readonly Role[] = ['finance', 'admin', 'event_manager', 'approver', 'auditor'];
/** Staff who upload invoices on a supplier's behalf; anyone else uploads only as a linked supplier. */
const uploadingStaffRoles: readonly Role[] = ['finance', 'admin', 'event_manager'];

/** The file as multer hands it over (memory storage). */
export interface ReceivedDocument {
  readonly originalname?: string;
  readonly buffer: Buffer;
  readonly size: number;
}

export interface InvoiceUploadReceipt {
  readonly workflowId: string;
  /** True when these bytes were uploaded before: nothing new was started. */
  readonly duplicate: boolean;
  readonly document: { readonly sha256: string; readonly sizeBytes: number; readonly contentType: string };
}

export interface InvoiceIntakeStatusView {
  readonly workflowId: string;
  readonly execution: {
    /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, … */
    readonly status: string;
    readonly startedAt: string;
    readonly closedAt: string | null;
  };
  /** The workflow's own account of the intake (its state query); null when no worker answered in time. */
  readonly state: Readonly<Record<string, unknown>> | null;
}

export interface InvoiceResubmissionReceipt {
  readonly workflowId: string;
  /** The new version, stored. */
  readonly document: { readonly sha256: string; readonly sizeBytes: number; readonly contentType: string };
  /** The intake's status once it took the version: received, then it is read and checked again. */
  readonly status: string;
}

/** The intake's validator refuses a version in these words (workflows/src/invoice-intake). */
const notWaitingRefusal = /not waiting for a new version/;
const sameFileRefusal = /same file as before/;

const sha256Hex = /^[0-9a-f]{64}$/;

/** Invoices uploaded through the API: checked, stored once and handed to their intake workflow. */
@Injectable()
export class InvoiceUploads {
  constructor(
    private readonly callers: CallerDirectory,
    private readonly workflows: IntakeWorkflows,
  ) {}

  async receive(
    principal: Principal,
    body: unknown,
    file: ReceivedDocument | undefined,
  ): Promise<InvoiceUploadReceipt> {
    const fields = parseInvoiceUploadFields(body);
    if (file === undefined) {
      throw new ApiError(
        ApiErrorCode.VALIDATION,
        'Send the invoice as multipart/form-data with the document in the field "file"',
        { field: 'file' },
      );
    }
    const caller = await this.callers.resolve(principal);
    const directory = this.callers.directory(caller.organisationId);
    if (!(await directory.hasEvent(fields.eventId))) {
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no event ${fields.eventId}`, {
        field: 'eventId',
      });
    }
    if (fields.supplierId !== null && !(await directory.hasSupplier(fields.supplierId))) {
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no supplier ${fields.supplierId}`, {
        field: 'supplierId',
      });
    }
    // A supplier's user uploads for the supplier they speak for, never in another supplier's name.
    const ownSupplier = caller.userId === null ? null : await directory.supplierOfUser(caller.userId);
    if (ownSupplier === null && !principal.roles.some((role) => uploadingStaffRoles.includes(role))) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        'Your account is not linked to a supplier yet: ask the finance team you invoice to link it, then upload again',
      );
    }
    if (ownSupplier !== null && fields.supplierId !== null && fields.supplierId !== ownSupplier) {
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'You upload invoices for your own supplier only', {
        field: 'supplierId',
      });
    }
    const supplierId = ownSupplier ?? fields.supplierId;
    const fileName = documentLabel(file.originalname);
    checkDocumentContent(fileName, file.buffer);

    const starter = await this.workflows.starter();
    const started = await starter
      .start({
        organisationId: caller.organisationId,
        uploadedBy: caller.userId,
        supplierId,
        eventId: fields.eventId,
        purchaseOrderNumber: fields.purchaseOrderNumber,
        fileName,
        content: file.buffer,
      })
      .catch((error: unknown) => {
        if (error instanceof InvoiceUploadError) throw new UnprocessableEntityException(error.message);
        return rethrowDependencyDown(error, 'Document storage or the workflow service');
      });
    return {
      workflowId: started.workflowId,
      duplicate: started.duplicate,
      document: {
        sha256: started.document.sha256,
        sizeBytes: started.document.sizeBytes,
        contentType: started.document.contentType,
      },
    };
  }

  /**
   * A corrected document for an intake whose approver requested changes: stored, then handed to the waiting
   * workflow, which reads and checks it again. The workflow decides whether it waits (409 otherwise, in its words)
   * and whether the bytes are new (422).
   */
  async resubmit(
    principal: Principal,
    workflowId: string,
    body: unknown,
    file: ReceivedDocument | undefined,
  ): Promise<InvoiceResubmissionReceipt> {
    parseResubmissionFields(body);
    if (file === undefined) {
      throw new ApiError(
        ApiErrorCode.VALIDATION,
        'Send the corrected invoice as multipart/form-data with the document in the field "file"',
        { field: 'file' },
      );
    }
    const { caller, handle, description } = await this.intakeFor(principal, workflowId);
    const fileName = documentLabel(file.originalname);
    checkDocumentContent(fileName, file.buffer);
    if (description.status.name !== 'RUNNING') {
      const finalState = await this.stateOf(handle);
      const status = typeof finalState?.['status'] === 'string' ? finalState['status'] : 'finished';
      throw notWaiting(`This invoice is not waiting for a new version (it is ${status}).`, status);
    }

    const starter = await this.workflows.starter();
    const resubmitted = await this.workflows
      .withDeadline(RESUBMIT_DEADLINE_MS, () =>
        starter.resubmit({
          workflowId,
          organisationId: caller.organisationId,
          submittedBy: caller.userId,
          fileName,
          content: file.buffer,
        }),
      )
      .catch((error: unknown) => refusedResubmission(error));
    return {
      workflowId,
      document: {
        sha256: resubmitted.document.sha256,
        sizeBytes: resubmitted.document.sizeBytes,
        contentType: resubmitted.document.contentType,
      },
      status: resubmitted.status,
    };
  }

  /**
   * An intake the caller may see: of their organisation, and of their own supplier when they see only that. Any
   * other id, or one that does not exist, is simply not found.
   */
  async status(principal: Principal, workflowId: string): Promise<InvoiceIntakeStatusView> {
    const { handle, description } = await this.intakeFor(principal, workflowId);
    const state = await this.stateOf(handle);
    return {
      workflowId,
      execution: {
        status: description.status.name,
        startedAt: description.startTime.toISOString(),
        closedAt: description.closeTime?.toISOString() ?? null,
      },
      state,
    };
  }

  private async intakeFor(
    principal: Principal,
    workflowId: string,
  ): Promise<{ caller: ResolvedCaller; handle: WorkflowHandle; description: WorkflowExecutionDescription }> {
    const caller = await this.callers.resolve(principal);
    const notFound = new ApiError(ApiErrorCode.NOT_FOUND, `No invoice upload ${workflowId}`);
    const prefix = invoiceIntakeWorkflowId(caller.organisationId, '');
    if (!workflowId.startsWith(prefix) || !sha256Hex.test(workflowId.slice(prefix.length))) throw notFound;

    const handle = await this.workflows.handle(workflowId);
    const description = await handle.describe().catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) throw notFound;
      return rethrowDependencyDown(error, 'The workflow service');
    });
    if (description.type !== invoiceIntakeWorkflowType) throw notFound;
    if (!principal.roles.some((role) => organisationWideRoles.includes(role))) {
      const ownSupplier =
        caller.userId === null
          ? null
          : await this.callers.directory(caller.organisationId).supplierOfUser(caller.userId);
      const intakeSupplier = description.typedSearchAttributes.get(supplierIdSearchAttribute);
      if (ownSupplier === null || intakeSupplier !== ownSupplier) throw notFound;
    }
    return { caller, handle, description };
  }

  private stateOf(handle: WorkflowHandle): Promise<Readonly<Record<string, unknown>> | null> {
    return this.workflows
      .withDeadline(STATE_QUERY_DEADLINE_MS, () =>
        handle.query<Readonly<Record<string, unknown>>>(invoiceIntakeStateQueryName),
      )
      .catch(() => null);
  }
}

function notWaiting(message: string, status?: string): ApiError {
  return new ApiError(ApiErrorCode.CONFLICT, message, status === undefined ? undefined : { status });
}

/** The intake's refusal of a version as the API's error; anything else is a dependency problem or a bug. */
function refusedResubmission(error: unknown): never {
  if (error instanceof InvoiceUploadError) throw new UnprocessableEntityException(error.message);
  if (error instanceof WorkflowNotFoundError) {
    throw notWaiting('This invoice is not waiting for a new version (its intake has finished).');
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const message = error.cause?.message ?? error.message;
    if (sameFileRefusal.test(message)) throw new UnprocessableEntityException(message);
    const status = /\(it is ([\w-]+)\)/.exec(message)?.[1];
    if (notWaitingRefusal.test(message)) throw notWaiting(message, status);
    throw notWaiting(message);
  }
  return rethrowDependencyDown(error, 'Document storage or the workflow service');
}

/**
 * What the file is comes from its bytes, never its name: refused here with a precise status before anything is
 * stored (the starter checks again, as every entry point must).
 */
function checkDocumentContent(fileName: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new UnprocessableEntityException(`${fileName}: the document is empty`);
  try {
    detectContentType(bytes);
  } catch (error) {
    if (error instanceof ExtractionError) {
      throw new UnsupportedMediaTypeException(`${fileName}: ${error.message}`);
    }
    throw error;
  }
}
