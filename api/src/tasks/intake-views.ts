import { blockingIssueCodes, type IntakeIssue } from '@eventvault/activities';
import { type InvoiceIntakeState } from '@eventvault/workflows';
import { MoneyModel } from '../graphql/money.model';
import { type InvoiceAssessmentModel, type InvoiceCheckIssueModel } from './invoice-review.model';
import { type ExtractedInvoiceFieldsModel } from './task.model';

/** What the intake workflow's state query answers, as the task detail shows it. */

export function toIssueModel(issue: IntakeIssue): InvoiceCheckIssueModel {
  return { code: issue.code, message: issue.message, blocking: blockingIssueCodes.has(issue.code) };
}

export function extractedFieldsOf(state: InvoiceIntakeState): ExtractedInvoiceFieldsModel | null {
  const extracted = state.extracted;
  if (!extracted) return null;
  const text = (field: { value: string | null; confidence: number }) => ({
    value: field.value,
    confidence: field.confidence,
  });
  return {
    method: extracted.method,
    supplierName: text(extracted.supplierName),
    supplierVatNumber: text(extracted.supplierVatNumber),
    invoiceNumber: text(extracted.invoiceNumber),
    issueDate: text(extracted.issueDate),
    dueDate: text(extracted.dueDate),
    currency: text(extracted.currency),
    net: text(extracted.net),
    vat: text(extracted.vat),
    gross: text(extracted.gross),
    warnings: [...extracted.warnings],
  };
}

/** The reasons of the review that is open now; none once it was completed (the workflow clears it at once). */
export function reviewReasonsOf(state: InvoiceIntakeState): InvoiceCheckIssueModel[] {
  if (state.status !== 'in-review' || state.review === null) return [];
  return state.review.reasons.map(toIssueModel);
}

export function assessmentOf(state: InvoiceIntakeState): InvoiceAssessmentModel | null {
  const assessment = state.assessment;
  if (!assessment) return null;
  let amountInBaseCurrency: MoneyModel | null = null;
  if (assessment.amountInBaseCurrency) {
    amountInBaseCurrency = MoneyModel.fromJson(assessment.amountInBaseCurrency);
  }
  return {
    intakeStatus: state.status,
    draft: { ...assessment.draft },
    supplierId: assessment.supplier?.id ?? null,
    supplierName: assessment.supplier?.name ?? null,
    supplierMatchedBy: assessment.supplier?.matchedBy ?? null,
    eventId: assessment.eventId,
    budgetLineId: assessment.budgetLineId,
    baseCurrency: assessment.baseCurrency,
    amountInBaseCurrency,
    issues: assessment.issues.map(toIssueModel),
  };
}
