import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '../graphql/money.model';
import { PageArgs, PageType } from '../graphql/pagination';

@ObjectType('PortalEvent', {
  description: 'An event a supplier can send quotes and invoices for: its name and dates only.',
})
export class PortalEventModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'First day, YYYY-MM-DD.' })
  startsOn!: string;

  @Field({ description: 'Last day, YYYY-MM-DD.' })
  endsOn!: string;
}

@ObjectType('Quote')
export class QuoteModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => String, { description: 'requested, received, accepted, rejected or expired.' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  quotedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  validUntil!: string | null;

  @Field(() => MoneyModel)
  net!: MoneyModel;

  @Field(() => MoneyModel)
  vat!: MoneyModel;

  @Field(() => MoneyModel)
  gross!: MoneyModel;

  @Field(() => Date)
  submittedAt!: Date;
}

@ObjectType('SupplierPayment')
export class SupplierPaymentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'payment, deposit or refund.' })
  kind!: string;

  @Field(() => ID, { nullable: true })
  invoiceId!: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  paidOn!: string;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => MoneyModel)
  amount!: MoneyModel;
}

@ObjectType('BankDetailsChange', {
  description: 'Requested bank details, shown masked, waiting for (or decided by) finance.',
})
export class BankDetailsChangeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => String)
  bankName!: string;

  @Field(() => String, { description: 'The last four characters of the requested account number.' })
  accountEnding!: string;

  @Field(() => String, { description: 'pending, approved or rejected.' })
  status!: string;

  @Field(() => Date)
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;
}

export const QuotePage = PageType(QuoteModel, 'Quote');
export const SupplierPaymentPage = PageType(SupplierPaymentModel, 'SupplierPayment');
export const BankDetailsChangePage = PageType(BankDetailsChangeModel, 'BankDetailsChange');

@InputType('BankDetailsInput')
export class BankDetailsInput {
  @IsString()
  @MaxLength(2000)
  @Field(() => String)
  accountHolder!: string;

  @IsString()
  @MaxLength(2000)
  @Field(() => String)
  bankName!: string;

  @IsString()
  @MaxLength(2000)
  @Field(() => String)
  accountNumber!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  branchCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  iban?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  swiftBic?: string | null;
}

@InputType('DecideBankDetailsChangeInput')
export class DecideBankDetailsChangeInput {
  @IsString()
  @MaxLength(200)
  @Field(() => ID)
  changeId!: string;

  @IsBoolean()
  @Field(() => Boolean, { description: 'True takes the new details into use; false keeps the old ones.' })
  approve!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Why; shown to the supplier.' })
  reason?: string | null;
}

@ArgsType()
export class BankDetailsChangesArgs extends PageArgs {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'pending, approved or rejected.' })
  status?: string | null;
}
