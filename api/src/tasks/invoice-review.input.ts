import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';

export enum ReviewDecision {
  ACCEPT = 'accept',
  REJECT = 'reject',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

// Amounts as printed on an invoice: never negative (a credit note is not put through invoice review).
const exactDecimal = /^\d{1,20}(\.\d{1,6})?$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const notBlank = /\S/;

@InputType('InvoiceCorrectionsInput', { description: 'Extracted fields put right by the reviewer.' })
export class InvoiceCorrectionsInput {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  supplierName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  supplierVatNumber?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  invoiceNumber?: string | null;

  @IsOptional()
  @IsString()
  @Matches(isoDate, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  issueDate?: string | null;

  @IsOptional()
  @IsString()
  @Matches(isoDate, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as ZAR' })
  @Field(() => String, { nullable: true, description: 'ISO 4217.' })
  currency?: string | null;

  @IsOptional()
  @IsString()
  @Matches(exactDecimal, { message: '$property must be an exact decimal, zero or more, such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Exact decimal.' })
  net?: string | null;

  @IsOptional()
  @IsString()
  @Matches(exactDecimal, { message: '$property must be an exact decimal, zero or more, such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Exact decimal.' })
  vat?: string | null;

  @IsOptional()
  @IsString()
  @Matches(exactDecimal, { message: '$property must be an exact decimal, zero or more, such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Exact decimal.' })
  gross?: string | null;
}

@InputType('NewSupplierInput', {
  description: 'A supplier not yet in the register: created (once) when the review is applied.',
})
export class NewSupplierInput {
  @IsString()
  @MaxLength(200)
  @Matches(notBlank, { message: '$property must not be blank' })
  @Field(() => String)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Field(() => String, { nullable: true })
  vatNumber?: string | null;

  @IsOptional()
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(320)
  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType('ExchangeRateInput', {
  description:
    'A missing exchange rate: one unit of the invoice currency in the base currency, at full precision.',
})
export class ExchangeRateInput {
  @IsString()
  @Matches(/^(?=.*[1-9])\d{1,12}(\.\d{1,12})?$/, {
    message: '$property must be a positive exact decimal such as 18.2345',
  })
  @Field(() => String, { description: 'Exact decimal, e.g. "18.2345".' })
  rate!: string;

  @IsString()
  @Matches(isoDate, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, {
    description: 'YYYY-MM-DD: the invoice date or up to a week before it, or the invoice will not find it.',
  })
  date!: string;

  @IsString()
  @MaxLength(200)
  @Matches(notBlank, { message: '$property must say where the rate comes from' })
  @Field(() => String, { description: 'Where the rate comes from, e.g. "SARB 2026-12-01".' })
  source!: string;
}

@InputType('CompleteInvoiceReviewInput')
export class CompleteInvoiceReviewInput {
  @IsEnum(ReviewDecision)
  @Field(() => ReviewDecision)
  decision!: ReviewDecision;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Required when rejecting.' })
  comment?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceCorrectionsInput)
  @Field(() => InvoiceCorrectionsInput, { nullable: true })
  corrections?: InvoiceCorrectionsInput | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true, description: 'A supplier of the register (or newSupplier, not both).' })
  supplierId?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => NewSupplierInput)
  @Field(() => NewSupplierInput, { nullable: true })
  newSupplier?: NewSupplierInput | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true, description: "A line of the event's budget." })
  budgetLineId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  purchaseOrderNumber?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExchangeRateInput)
  @Field(() => ExchangeRateInput, { nullable: true })
  fxRate?: ExchangeRateInput | null;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: '$property must be a locale such as de-DE' })
  @Field(() => String, {
    nullable: true,
    description: 'How the supplier writes dates and amounts (e.g. de-DE), learned for its next documents.',
  })
  supplierDocumentLocale?: string | null;
}
