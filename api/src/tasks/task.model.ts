import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentLinkModel } from '../documents/document-links';
import { MoneyModel } from '../graphql/money.model';
import { PageType } from '../graphql/pagination';
import {
  InvoiceAssessmentModel,
  InvoiceCheckIssueModel,
  LikelyDuplicateInvoiceModel,
} from './invoice-review.model';

export enum TaskStatus {
  OPEN = 'open',
  DONE = 'done',
  CANCELLED = 'cancelled',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

export enum TaskChange {
  CREATED = 'created',
  REASSIGNED = 'reassigned',
  CLOSED = 'closed',
}
registerEnumType(TaskChange, {
  name: 'TaskChange',
  description: 'What happened to a task: created, reassigned (delegated), or closed (done or cancelled).',
});

@ObjectType('Task', { description: 'A piece of human work a workflow waits for: an approval or a review.' })
export class TaskModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'invoice_approval, invoice_review, …' })
  kind!: string;

  @Field(() => String)
  title!: string;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => String, { description: 'What the task is about: invoice, document, …' })
  subjectType!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => ID, { nullable: true })
  eventId!: string | null;

  @Field(() => ID, { nullable: true })
  supplierId!: string | null;

  @Field(() => String, { nullable: true })
  supplierName!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Who holds the task now; null while it is open to a role.',
  })
  assigneeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Whose approval slot it is (differs after a delegation).' })
  approverId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'assigned, delegated, out-of-office, escalated, fallback.',
  })
  assignmentReason!: string | null;

  @Field(() => [String], { description: 'The roles an unassigned task is open to.' })
  candidateRoles!: string[];

  @Field(() => Int, { nullable: true })
  approvalLevel!: number | null;

  @Field(() => Boolean, {
    description:
      'False for a task recorded without a running workflow (imported or demo data): it can be read, not decided here.',
  })
  decidable!: boolean;

  @Field(() => MoneyModel, { nullable: true })
  amount!: MoneyModel | null;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

export const TaskPage = PageType(TaskModel, 'Task');

@ObjectType('TaskKindCount')
export class TaskKindCountModel {
  @Field(() => String)
  kind!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('TaskCounts', { description: 'How many tasks the caller sees, in total and per kind.' })
export class TaskCountsModel {
  @Field(() => Int)
  total!: number;

  @Field(() => [TaskKindCountModel])
  byKind!: TaskKindCountModel[];
}

@ObjectType('ExtractedTextField', {
  description: 'A field as extraction read it, with its confidence (0 to 1).',
})
export class ExtractedTextFieldModel {
  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field(() => Float)
  confidence!: number;
}

@ObjectType('ExtractedInvoiceFields', { description: 'What extraction read from the document.' })
export class ExtractedInvoiceFieldsModel {
  @Field(() => String, { description: 'text-layer, ocr or mixed.' })
  method!: string;

  @Field(() => ExtractedTextFieldModel)
  supplierName!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel)
  supplierVatNumber!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel)
  invoiceNumber!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel)
  issueDate!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel)
  dueDate!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel)
  currency!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel, { description: 'Exact decimal text.' })
  net!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel, { description: 'Exact decimal text.' })
  vat!: ExtractedTextFieldModel;

  @Field(() => ExtractedTextFieldModel, { description: 'Exact decimal text.' })
  gross!: ExtractedTextFieldModel;

  @Field(() => [String])
  warnings!: string[];
}

@ObjectType('TaskBudgetLine', {
  description:
    "The invoice's budget line: its budget, what is posted, and what remains once this invoice is posted.",
})
export class TaskBudgetLineModel {
  @Field(() => ID)
  budgetLineId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  description!: string;

  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel)
  actual!: MoneyModel;

  @Field(() => MoneyModel, {
    description:
      'What posting this invoice puts on the line: its net when the VAT is claimed (zero for a foreign-currency invoice until it is posted at its rate).',
  })
  costOnLine!: MoneyModel;

  @Field(() => MoneyModel, { description: 'budget − actual − costOnLine (negative when it overspends).' })
  remainingAfterInvoice!: MoneyModel;
}

@ObjectType('TaskDecision', { description: 'A decision recorded on the approval this task belongs to.' })
export class TaskDecisionModel {
  @Field(() => Int)
  level!: number;

  @Field(() => String, { description: 'approve, reject or request-changes.' })
  decision!: string;

  @Field(() => ID)
  decidedBy!: string;

  @Field(() => String, { nullable: true, description: 'The display name of who decided.' })
  decidedByName!: string | null;

  @Field(() => ID, { nullable: true })
  onBehalfOf!: string | null;

  @Field(() => String, { nullable: true, description: 'The display name of whom it was decided for.' })
  onBehalfOfName!: string | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => Date)
  decidedAt!: Date;
}

@ObjectType('TaskDetail', { description: 'A task with everything needed to decide it.' })
export class TaskDetailModel {
  @Field(() => TaskModel)
  task!: TaskModel;

  @Field(() => ID, { nullable: true })
  invoiceId!: string | null;

  @Field(() => String, { nullable: true })
  invoiceNumber!: string | null;

  @Field(() => DocumentLinkModel, { nullable: true, description: 'The document, to show inline.' })
  documentPreview!: DocumentLinkModel | null;

  @Field(() => DocumentLinkModel, { nullable: true })
  thumbnail!: DocumentLinkModel | null;

  @Field(() => ExtractedInvoiceFieldsModel, {
    nullable: true,
    description:
      'Null when the intake workflow did not answer in time (or the task is not about an invoice).',
  })
  extracted!: ExtractedInvoiceFieldsModel | null;

  @Field(() => TaskBudgetLineModel, { nullable: true })
  budgetLine!: TaskBudgetLineModel | null;

  @Field(() => [TaskDecisionModel])
  decisions!: TaskDecisionModel[];

  @Field(() => [InvoiceCheckIssueModel], {
    description:
      'Why an open review exists: the failed checks it was opened for. Empty for approvals, closed reviews, or ' +
      'when the intake workflow did not answer in time.',
  })
  reviewReasons!: InvoiceCheckIssueModel[];

  @Field(() => InvoiceAssessmentModel, {
    nullable: true,
    description: "Intake's latest assessment (null when it did not answer in time or has not assessed yet).",
  })
  assessment!: InvoiceAssessmentModel | null;

  @Field(() => [LikelyDuplicateInvoiceModel], {
    description:
      'Earlier invoices of the organisation with the same file or the same supplier and invoice number, newest first.',
  })
  likelyDuplicates!: LikelyDuplicateInvoiceModel[];
}

@ObjectType('TaskChanged', {
  description: 'A task the subscriber can see was created, reassigned or closed.',
})
export class TaskChangedModel {
  @Field(() => TaskChange)
  change!: TaskChange;

  @Field(() => ID)
  taskId!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => TaskModel, {
    nullable: true,
    description:
      'The task as the subscriber sees it now; null when it left their inbox (e.g. delegated away).',
  })
  task!: TaskModel | null;
}

@ObjectType('BudgetActualChanged', {
  description: 'Something was posted on an event: its budget vs actual moved.',
})
export class BudgetActualChangedModel {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID, { nullable: true })
  budgetLineId!: string | null;
}

@ObjectType('TaskDecisionResult', { description: "The approval workflow's answer to a decision." })
export class TaskDecisionResultModel {
  @Field(() => TaskDecisionModel)
  decision!: TaskDecisionModel;

  @Field(() => TaskModel, { description: 'The task after the decision.' })
  task!: TaskModel;
}

@ObjectType('TaskDelegationResult', { description: "The approval workflow's answer to a delegation." })
export class TaskDelegationResultModel {
  @Field(() => Int)
  level!: number;

  @Field(() => ID)
  approverId!: string;

  @Field(() => ID, { description: 'Who holds the task now.' })
  assigneeId!: string;
}

@ObjectType('InvoiceReviewResult', { description: "The intake workflow's answer to a completed review." })
export class InvoiceReviewResultModel {
  @Field(() => String, { description: 'The intake status after the review, e.g. checking or rejected.' })
  intakeStatus!: string;

  @Field(() => String)
  workflowId!: string;
}
