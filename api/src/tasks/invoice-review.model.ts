import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentLinkModel } from '../documents/document-links';
import { MoneyModel } from '../graphql/money.model';

@ObjectType('InvoiceCheckIssue', {
  description: 'A check of invoice intake that failed, as intake states it.',
})
export class InvoiceCheckIssueModel {
  @Field(() => String, {
    description:
      'missing-field, low-confidence, arithmetic, duplicate-content, duplicate-number, unknown-supplier, no-event, ' +
      'no-budget-line, purchase-order, vat-inconsistent, bank-details-changed or fx-rate-missing.',
  })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => Boolean, {
    description: 'The invoice cannot go on until the data is put right: accepting alone does not clear it.',
  })
  blocking!: boolean;
}

@ObjectType('InvoiceDraft', {
  description: 'The invoice as intake reads it now: extracted values with the corrections made so far.',
})
export class InvoiceDraftModel {
  @Field(() => String, { nullable: true })
  supplierName!: string | null;

  @Field(() => String, { nullable: true })
  supplierVatNumber!: string | null;

  @Field(() => String, { nullable: true })
  invoiceNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  issueDate!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate!: string | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => String, { nullable: true, description: 'Exact decimal text.' })
  net!: string | null;

  @Field(() => String, { nullable: true, description: 'Exact decimal text.' })
  vat!: string | null;

  @Field(() => String, { nullable: true, description: 'Exact decimal text.' })
  gross!: string | null;
}

@ObjectType('InvoiceAssessment', { description: "Intake's latest assessment of the invoice behind a task." })
export class InvoiceAssessmentModel {
  @Field(() => String, { description: 'The intake status: in-review, checking, pending-approval, …' })
  intakeStatus!: string;

  @Field(() => InvoiceDraftModel)
  draft!: InvoiceDraftModel;

  @Field(() => ID, { nullable: true, description: 'The supplier of the register it was matched to.' })
  supplierId!: string | null;

  @Field(() => String, { nullable: true })
  supplierName!: string | null;

  @Field(() => String, { nullable: true, description: 'vat-number, name or chosen.' })
  supplierMatchedBy!: string | null;

  @Field(() => ID, { nullable: true })
  eventId!: string | null;

  @Field(() => ID, { nullable: true })
  budgetLineId!: string | null;

  @Field(() => String, { description: "The organisation's base currency." })
  baseCurrency!: string;

  @Field(() => MoneyModel, {
    nullable: true,
    description: 'The gross in base currency; null while the amount or a needed exchange rate is missing.',
  })
  amountInBaseCurrency!: MoneyModel | null;

  @Field(() => [InvoiceCheckIssueModel], {
    description: 'Every check that fails on the invoice as it is now.',
  })
  issues!: InvoiceCheckIssueModel[];
}

export enum DuplicateMatch {
  SAME_CONTENT = 'same-content',
  SAME_NUMBER = 'same-number',
}
registerEnumType(DuplicateMatch, {
  name: 'DuplicateMatch',
  description:
    'SAME_CONTENT: the very same file; SAME_NUMBER: the supplier’s same (normalised) invoice number.',
});

@ObjectType('LikelyDuplicateInvoice', {
  description:
    'An earlier invoice of the organisation that the duplicate checks match, to compare side by side.',
})
export class LikelyDuplicateInvoiceModel {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => String)
  number!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => String)
  supplierName!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  issueDate!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate!: string | null;

  @Field(() => MoneyModel)
  net!: MoneyModel;

  @Field(() => MoneyModel)
  vat!: MoneyModel;

  @Field(() => MoneyModel)
  gross!: MoneyModel;

  @Field(() => String, {
    description: 'received, pending_approval, approved, rejected, posted, paid or void.',
  })
  status!: string;

  @Field(() => Date)
  receivedAt!: Date;

  @Field(() => [DuplicateMatch])
  matchedBy!: DuplicateMatch[];

  @Field(() => DocumentLinkModel, { nullable: true, description: 'Its document, to show inline.' })
  documentPreview!: DocumentLinkModel | null;
}
