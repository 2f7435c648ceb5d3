import type { MoneyJson } from '../money';

/** Anything approvable: invoices now; quotes, budgets and payments later. */
export type ApprovalSubjectType = 'invoice' | 'quote' | 'budget' | 'payment';

/** What a MultiLevelApproval workflow is started with. */
export interface ApprovalRequest {
  readonly organisationId: string;
  readonly subject: { readonly type: ApprovalSubjectType; readonly id: string };
  /** Shown in task inboxes. */
  readonly title: string;
  /** The app_user who submitted the subject; never allowed to approve it. Null when a supplier outside the
   *  organisation's users submitted it. */
  readonly submittedBy: string | null;
  readonly amount: MoneyJson;
  /** The amount in the organisation's base currency: policy thresholds are in base currency. */
  readonly amountInBaseCurrency: MoneyJson;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
}

export type ApprovalDecisionKind = 'approve' | 'reject' | 'request-changes';

export interface ApprovalDecisionRecord {
  readonly level: number;
  readonly decision: ApprovalDecisionKind;
  /** app_user id of the person who decided (a delegate decides in their own name, on behalf of the assignee). */
  readonly decidedBy: string;
  readonly onBehalfOf: string | null;
  readonly comment: string | null;
  /** ISO timestamp from the workflow's clock. */
  readonly decidedAt: string;
}

/** How a MultiLevelApproval run ends. `changes-requested` hands the subject back to its submitter with a comment. */
export type ApprovalOutcome =
  | { readonly result: 'approved'; readonly decisions: readonly ApprovalDecisionRecord[] }
  | {
      readonly result: 'rejected';
      readonly reason: string;
      readonly decisions: readonly ApprovalDecisionRecord[];
    }
  | {
      readonly result: 'changes-requested';
      readonly comment: string;
      readonly decisions: readonly ApprovalDecisionRecord[];
    };
