import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { PageArgs, PageType } from '../graphql/pagination';

@ObjectType('MaskedBankDetails', { description: 'A bank account as screens may show it: never the number.' })
export class MaskedBankDetailsModel {
  @Field(() => String)
  bankName!: string;

  @Field(() => String, { description: 'The last four characters of the account number.' })
  accountEnding!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When these details took effect (the fraud check reads it).',
  })
  changedAt!: Date | null;
}

@ObjectType('Supplier')
export class SupplierModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  vatNumber!: string | null;

  @Field(() => String, { nullable: true })
  registrationNumber!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  documentLocale!: string | null;

  @Field(() => MaskedBankDetailsModel, { nullable: true })
  bankDetails!: MaskedBankDetailsModel | null;
}

export const SupplierPage = PageType(SupplierModel, 'Supplier');

@ArgsType()
export class SuppliersArgs extends PageArgs {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Part of the name, any case.' })
  search?: string | null;
}
