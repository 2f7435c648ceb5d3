import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ApprovalOutcome, ApprovalRequest, ExtractedInvoice, MoneyJson } from '@eventvault/domain';
import type {
  ExtractionActivities,
  IntakeIssue,
  InvoiceAssessment,
  InvoiceCorrections,
  InvoiceIntakeActivities,
  InvoiceIntakeInput,
  ResubmittedDocument,
  ReviewCompletion,
  StoredDocument,
} from '@eventvault/activities';

export type InvoiceIntakeStatus =
  | 'received'
  | 'extracting'
  | 'checking'
  | 'in-review'
  | 'pending-approval'
  | 'changes-requested'
  | 'approved'
  | 'posted'
  | 'rejected';

export interface InvoiceIntakeState {
  readonly workflowId: string;
  status: InvoiceIntakeStatus;
  readonly organisationId: string;
  readonly documentId: string;
  readonly invoiceId: string;
  /** Whether the invoice row exists (it does once the invoice first went to approval). */
  invoiceRecorded: boolean;
  documentVersion: number;
  document: StoredDocument;
  extracted: ExtractedInvoice | null;
  assessment: InvoiceAssessment | null;
  /** The open review task and why it exists. */
  review: { readonly taskId: string; readonly reasons: readonly IntakeIssue[] } | null;
  reviewsCompleted: number;
  approval: { readonly workflowId: string; readonly round: number } | null;
  approvalOutcome: ApprovalOutcome | null;
  journalEntryId: string | null;
  periodNote: string | null;
  paymentDueOn: string | null;
  /** Why the intake ended without posting. */
  rejection: string | null;
}

export const invoiceIntakeStateQuery = defineQuery<InvoiceIntakeState>('invoiceIntakeState');
/** Finance completes a review: corrections, supplier/event/budget line, a missing rate; or rejects the document. */
export const completeInvoiceReviewUpdate = defineUpdate<InvoiceIntakeState, [ReviewCompletion]>(
  'completeInvoiceReview',
);
/** The supplier's new document version after changes were requested (name shared with InvoiceIntakeStarter). */
export const resubmitInvoiceDocumentUpdate = defineUpdate<InvoiceIntakeState, [ResubmittedDocument]>(
  'resubmitInvoiceDocument',
);

export const invoiceSearchAttributes = {
  status: defineSearchAttributeKey('InvoiceStatus', SearchAttributeType.KEYWORD),
  supplierId: defineSearchAttributeKey('SupplierId', SearchAttributeType.KEYWORD),
  eventId: defineSearchAttributeKey('EventId', SearchAttributeType.KEYWORD),
  amount: defineSearchAttributeKey('InvoiceAmount', SearchAttributeType.DOUBLE),
  organisationId: defineSearchAttributeKey('OrganisationId', SearchAttributeType.KEYWORD),
};

const intake = proxyActivities<InvoiceIntakeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 30 },
});

// OCR heartbeats per page: a worker that dies mid-document is noticed within the heartbeat timeout and the document
// is retried on another worker.
const extraction = proxyActivities<ExtractionActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumAttempts: 5 },
});

const reviewerRoles = ['finance', 'admin'];
const decimal = /^\d+(\.\d+)?$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validateCorrections(corrections: InvoiceCorrections | undefined): void {
  if (!corrections) return;
  for (const field of ['net', 'vat', 'gross'] as const) {
    const value = corrections[field];
    if (value !== undefined && !decimal.test(value))
      throw new Error(`${field} must be a plain decimal, not "${value}".`);
  }
  for (const field of ['issueDate', 'dueDate'] as const) {
    const value = corrections[field];
    if (value !== undefined && !isoDate.test(value))
      throw new Error(`${field} must be YYYY-MM-DD, not "${value}".`);
  }
  if (corrections.currency !== undefined && !/^[A-Za-z]{3}$/.test(corrections.currency)) {
    throw new Error(`currency must be an ISO 4217 code, not "${corrections.currency}".`);
  }
}

function issueKey(issue: IntakeIssue): string {
  return `${issue.code}:${issue.message}`;
}

const blocking = new Set<IntakeIssue['code']>([
  'missing-field',
  'duplicate-content',
  'duplicate-number',
  'unknown-supplier',
  'no-event',
  'no-budget-line',
  'fx-rate-missing',
]);

/**
 * One uploaded invoice document from storage to posting: register → extract → assess (parse, supplier, checks) →
 * review while anything is wrong → approval (child workflow) → journal → payment schedule → supplier notified.
 * Changes requested by an approver wait for a new document version and start again at extraction.
 */
export async function invoiceIntakeWorkflow(input: InvoiceIntakeInput): Promise<InvoiceIntakeState> {
  const { organisationId } = input;
  const info = workflowInfo();
  const state: InvoiceIntakeState = {
    workflowId: info.workflowId,
    status: 'received',
    organisationId,
    documentId: uuid4(),
    invoiceId: uuid4(),
    invoiceRecorded: false,
    documentVersion: 1,
    document: input.document,
    extracted: null,
    assessment: null,
    review: null,
    reviewsCompleted: 0,
    approval: null,
    approvalOutcome: null,
    journalEntryId: null,
    periodNote: null,
    paymentDueOn: null,
    rejection: null,
  };
  const seenContent = new Set([input.document.sha256]);
  let corrections: InvoiceCorrections = {};
  let chosen = {
    supplierId: input.supplierId,
    eventId: input.eventId,
    budgetLineId: null as string | null,
    purchaseOrderNumber: input.purchaseOrderNumber,
  };
  const acknowledged = new Set<string>();
  let pendingReview: ReviewCompletion | null = null;
  let pendingResubmission: ResubmittedDocument | null = null;

  const searchAttributes = (extra: { supplierId?: string; eventId?: string; amount?: MoneyJson }) => {
    const pairs = [
      { key: invoiceSearchAttributes.status, value: state.status },
      { key: invoiceSearchAttributes.organisationId, value: organisationId },
      ...(extra.supplierId ? [{ key: invoiceSearchAttributes.supplierId, value: extra.supplierId }] : []),
      ...(extra.eventId ? [{ key: invoiceSearchAttributes.eventId, value: extra.eventId }] : []),
      // A search attribute is an index for filtering, not money: a double is precise enough to find an invoice.
      ...(extra.amount ? [{ key: invoiceSearchAttributes.amount, value: Number(extra.amount.amount) }] : []),
    ];
    upsertSearchAttributes(pairs);
  };
  const setStatus = (status: InvoiceIntakeStatus) => {
    state.status = status;
    const a = state.assessment;
    searchAttributes({
      supplierId: a?.supplier?.id,
      eventId: a?.eventId ?? chosen.eventId ?? undefined,
      amount: a?.amountInBaseCurrency ?? undefined,
    });
  };

  setHandler(invoiceIntakeStateQuery, () => state);
  setHandler(
    completeInvoiceReviewUpdate,
    (review: ReviewCompletion) => {
      pendingReview = review;
      // Readers see at once that the review is done; the workflow applies it next.
      state.review = null;
      setStatus('checking');
      return state;
    },
    {
      validator: (review: ReviewCompletion) => {
        if (state.status !== 'in-review' || state.review === null) {
          throw new Error(`There is no open review on this invoice (it is ${state.status}).`);
        }
        if (!review.roles.some((role) => reviewerRoles.includes(role))) {
          throw new Error('Only finance completes an invoice review.');
        }
        if (review.decision !== 'accept' && review.decision !== 'reject') {
          throw new Error('A review is accepted or rejected.');
        }
        if (review.decision === 'reject' && !review.comment?.trim()) {
          throw new Error('Rejecting a document needs a comment saying why.');
        }
        validateCorrections(review.corrections);
        if (
          review.fxRate &&
          (!decimal.test(review.fxRate.rate) ||
            !isoDate.test(review.fxRate.date) ||
            !review.fxRate.source.trim())
        ) {
          throw new Error(
            'An exchange rate needs a positive decimal rate, a YYYY-MM-DD date and its source.',
          );
        }
        if (review.newSupplier && !review.newSupplier.name.trim())
          throw new Error('A new supplier needs a name.');
      },
    },
  );
  setHandler(
    resubmitInvoiceDocumentUpdate,
    (resubmission: ResubmittedDocument) => {
      pendingResubmission = resubmission;
      setStatus('received');
      return state;
    },
    {
      validator: (resubmission: ResubmittedDocument) => {
        if (state.status !== 'changes-requested') {
          throw new Error(`This invoice is not waiting for a new version (it is ${state.status}).`);
        }
        if (seenContent.has(resubmission.document.sha256)) {
          throw new Error('This is the same file as before: send the corrected document.');
        }
      },
    },
  );

  const actor = input.uploadedBy;
  setStatus('received');

  for (;;) {
    // Store: the document version row (and the document with the first one), then its thumbnail.
    const versionId = uuid4();
    await intake.registerInvoiceDocument({
      organisationId,
      documentId: state.documentId,
      versionId,
      versionNo: state.documentVersion,
      document: state.document,
      uploadedBy: actor,
      supplierId: chosen.supplierId,
      eventId: chosen.eventId,
    });
    setStatus('extracting');
    const { thumbnailKey } = await extraction.createDocumentThumbnail({
      objectKey: state.document.objectKey,
    });
    await intake.recordDocumentThumbnail({ organisationId, versionId, thumbnailKey });
    const hints = await intake.extractionHintsFor({ organisationId, supplierId: chosen.supplierId });
    state.extracted = await extraction.extractInvoiceDocument({
      organisationId,
      objectKey: state.document.objectKey,
      hints,
    });

    // Assess, and review until nothing is left that a person has not seen.
    for (;;) {
      setStatus('checking');
      const assessment = await intake.assessInvoice({
        organisationId,
        invoiceId: state.invoiceId,
        documentId: state.documentId,
        sha256: state.document.sha256,
        extracted: state.extracted,
        corrections,
        supplierId: chosen.supplierId,
        eventId: chosen.eventId,
        budgetLineId: chosen.budgetLineId,
        purchaseOrderNumber: chosen.purchaseOrderNumber,
      });
      state.assessment = assessment;
      const open = assessment.issues.filter((i) => blocking.has(i.code) || !acknowledged.has(issueKey(i)));
      if (open.length === 0) break;

      const taskId = uuid4();
      await intake.openInvoiceReviewTask({
        organisationId,
        taskId,
        documentId: state.documentId,
        eventId: assessment.eventId,
        workflowId: info.workflowId,
        // Short enough for an inbox row; the task's detail lists every reason.
        title: `Review invoice ${assessment.draft.invoiceNumber ?? state.document.fileName}: ${
          open.length === 1 ? (open[0]?.message ?? '') : `${open.length} checks to look at`
        }`,
      });
      // In review only once the task row exists, so whoever sees the status finds the task.
      state.review = { taskId, reasons: open };
      setStatus('in-review');
      await condition(() => pendingReview !== null);
      const review: ReviewCompletion = pendingReview as unknown as ReviewCompletion;
      pendingReview = null;
      await intake.closeInvoiceTask({ organisationId, taskId, status: 'done', actorId: review.userId });
      state.reviewsCompleted += 1;
      if (review.decision === 'reject') {
        state.rejection = review.comment ?? 'rejected in review';
        if (state.invoiceRecorded) {
          await intake.transitionInvoiceStatus({
            organisationId,
            invoiceId: state.invoiceId,
            to: 'rejected',
            from: ['received', 'pending_approval'],
            actorId: review.userId,
            reason: state.rejection,
          });
        }
        setStatus('rejected');
        await condition(allHandlersFinished);
        return state;
      }
      for (const issue of open) acknowledged.add(issueKey(issue));
      corrections = { ...corrections, ...review.corrections };
      const applied = await intake.applyInvoiceReview({
        organisationId,
        review,
        newSupplierId: uuid4(),
        supplierId: assessment.supplier?.id ?? chosen.supplierId,
        currency: corrections.currency?.toUpperCase() ?? assessment.draft.currency,
      });
      chosen = {
        supplierId: applied.supplierId ?? chosen.supplierId,
        eventId: review.eventId ?? chosen.eventId,
        budgetLineId: review.budgetLineId ?? chosen.budgetLineId,
        purchaseOrderNumber: review.purchaseOrderNumber ?? chosen.purchaseOrderNumber,
      };
      if (!chosen.supplierId && assessment.supplier) chosen.supplierId = assessment.supplier.id;
    }

    const assessment = state.assessment;
    if (
      !assessment?.supplier ||
      !assessment.eventId ||
      !assessment.budgetLineId ||
      !assessment.amountInBaseCurrency
    ) {
      throw ApplicationFailure.nonRetryable(
        'Assessment passed without supplier, event, budget line or amount.',
      );
    }
    // The supplier and event are settled now: later rounds keep them.
    chosen.supplierId = assessment.supplier.id;
    chosen.eventId = assessment.eventId;
    chosen.budgetLineId = assessment.budgetLineId;
    await intake.recordInvoiceForApproval({
      organisationId,
      invoiceId: state.invoiceId,
      documentId: state.documentId,
      assessment,
      actorId: actor,
    });
    state.invoiceRecorded = true;
    setStatus('pending-approval');

    const round = (state.approval?.round ?? 0) + 1;
    const approvalWorkflowId = `${info.workflowId}-approval-${round}`;
    state.approval = { workflowId: approvalWorkflowId, round };
    const request: ApprovalRequest = {
      organisationId,
      subject: { type: 'invoice', id: state.invoiceId },
      title: `${assessment.supplier.name} invoice ${assessment.draft.invoiceNumber ?? ''}`.trim(),
      submittedBy: actor,
      amount: {
        amount: assessment.draft.gross ?? '0',
        currency: assessment.draft.currency ?? assessment.baseCurrency,
      },
      amountInBaseCurrency: assessment.amountInBaseCurrency,
      eventId: assessment.eventId,
      budgetLineId: assessment.budgetLineId,
    };
    const outcome = await executeChild<(request: ApprovalRequest) => Promise<ApprovalOutcome>>(
      'multiLevelApprovalWorkflow',
      {
        workflowId: approvalWorkflowId,
        args: [request],
        // Children do not inherit search attributes; admins find approvals by organisation too.
        typedSearchAttributes: [{ key: invoiceSearchAttributes.organisationId, value: organisationId }],
      },
    );
    state.approvalOutcome = outcome;

    if (outcome.result === 'approved') {
      await intake.transitionInvoiceStatus({
        organisationId,
        invoiceId: state.invoiceId,
        to: 'approved',
        from: ['pending_approval'],
        actorId: outcome.decisions.at(-1)?.decidedBy ?? null,
      });
      setStatus('approved');
      break;
    }
    if (outcome.result === 'rejected') {
      state.rejection = outcome.reason;
      await intake.transitionInvoiceStatus({
        organisationId,
        invoiceId: state.invoiceId,
        to: 'rejected',
        from: ['pending_approval'],
        actorId: outcome.decisions.at(-1)?.decidedBy ?? null,
        reason: outcome.reason,
      });
      await intake.notifySupplierOfInvoice({
        organisationId,
        invoiceId: state.invoiceId,
        kind: 'invoice-rejected',
        payload: { reason: outcome.reason },
      });
      setStatus('rejected');
      await condition(allHandlersFinished);
      return state;
    }

    // Changes requested: back to the supplier, then a new document version goes through extraction again.
    await intake.transitionInvoiceStatus({
      organisationId,
      invoiceId: state.invoiceId,
      to: 'received',
      from: ['pending_approval'],
      actorId: outcome.decisions.at(-1)?.decidedBy ?? null,
      reason: outcome.comment,
    });
    await intake.notifySupplierOfInvoice({
      organisationId,
      invoiceId: state.invoiceId,
      kind: 'invoice-changes-requested',
      payload: { comment: outcome.comment, round },
    });
    setStatus('changes-requested');
    await condition(() => pendingResubmission !== null);
    const resubmission: ResubmittedDocument = pendingResubmission as unknown as ResubmittedDocument;
    pendingResubmission = null;
    seenContent.add(resubmission.document.sha256);
    state.document = resubmission.document;
    state.documentVersion += 1;
    state.extracted = null;
    // Corrections were about the old version; acknowledged warnings stay acknowledged only if they recur verbatim.
    corrections = {};
  }

  const assessment = state.assessment;
  const posted = await intake.postInvoiceToJournal({
    organisationId,
    invoiceId: state.invoiceId,
    fxRateId: assessment?.fxRateId ?? null,
    postedBy: null,
  });
  state.journalEntryId = posted.journalEntryId;
  state.periodNote = posted.periodNote;
  setStatus('posted');
  const payment = await intake.scheduleInvoicePayment({ organisationId, invoiceId: state.invoiceId });
  state.paymentDueOn = payment.dueOn;
  await intake.notifySupplierOfInvoice({
    organisationId,
    invoiceId: state.invoiceId,
    kind: 'payment-scheduled',
    payload: { dueOn: payment.dueOn, amount: payment.amount, currency: payment.currency },
  });
  await condition(allHandlersFinished);
  return state;
}
