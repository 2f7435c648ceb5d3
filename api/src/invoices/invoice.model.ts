import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DocumentLinkModel } from '../documents/document-links';
import { MoneyModel } from '../graphql/money.model';
import { PageType } from '../graphql/pagination';

@ObjectType('InvoiceSummary', { description: 'An invoice as lists show it.' })
export class InvoiceSummaryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => String, {
    description: 'received, pending_approval, approved, rejected, posted, paid or void.',
  })
  status!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => ID, { nullable: true })
  budgetLineId!: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  invoiceDate!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate!: string | null;

  @Field(() => Date)
  receivedAt!: Date;

  @Field(() => MoneyModel)
  net!: MoneyModel;

  @Field(() => MoneyModel)
  vat!: MoneyModel;

  @Field(() => MoneyModel)
  gross!: MoneyModel;
}

@ObjectType('InvoiceLine')
export class InvoiceLineModel {
  @Field(() => Int)
  lineNo!: number;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'Exact decimal.' })
  quantity!: string;

  @Field(() => MoneyModel)
  unitPrice!: MoneyModel;

  @Field(() => String, { description: 'Percent, e.g. "15.0000".' })
  vatRate!: string;

  @Field(() => String)
  vatCategory!: string;

  @Field(() => ID, { nullable: true })
  budgetLineId!: string | null;

  @Field(() => MoneyModel)
  net!: MoneyModel;

  @Field(() => MoneyModel)
  vat!: MoneyModel;

  @Field(() => MoneyModel)
  gross!: MoneyModel;
}

@ObjectType('InvoiceStatusChange')
export class InvoiceStatusChangeModel {
  @Field(() => String)
  status!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Why, e.g. the reason of a rejection.' })
  reason!: string | null;
}

@ObjectType('DocumentVersion')
export class DocumentVersionModel {
  @Field(() => Int)
  versionNo!: number;

  @Field(() => String)
  sha256!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => Date)
  uploadedAt!: Date;

  @Field(() => DocumentLinkModel, { description: 'A short-lived download link.' })
  download!: DocumentLinkModel;

  @Field(() => DocumentLinkModel, { nullable: true })
  thumbnail!: DocumentLinkModel | null;
}

@ObjectType('InvoiceDocument')
export class InvoiceDocumentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [DocumentVersionModel])
  versions!: DocumentVersionModel[];
}

@ObjectType('Invoice', { description: 'An invoice with its lines, status history and documents.' })
export class InvoiceModel extends InvoiceSummaryModel {
  @Field(() => [InvoiceLineModel])
  lines!: InvoiceLineModel[];

  @Field(() => [InvoiceStatusChangeModel], { description: 'Oldest first.' })
  statusHistory!: InvoiceStatusChangeModel[];

  @Field(() => [InvoiceDocumentModel])
  documents!: InvoiceDocumentModel[];

  @Field(() => String, {
    nullable: true,
    description:
      'The intake workflow that read this invoice (GET /invoices/uploads/{workflowId}); null for an invoice recorded ' +
      'without one (imported or demo data).',
  })
  intakeWorkflowId!: string | null;
}

export const InvoiceSummaryPage = PageType(InvoiceSummaryModel, 'InvoiceSummary');
export const InvoicePage = PageType(InvoiceModel, 'Invoice');

@InputType('InvoiceFilter')
export class InvoiceFilterInput {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  status?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  supplierId?: string | null;
}
