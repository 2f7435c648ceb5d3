import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Money, type MoneyJson } from '@eventvault/domain';

/**
 * Money as every GraphQL type shows it: an exact decimal string with exactly the currency's minor units
 * ("1234.50" ZAR, "50000" JPY, "1.250" BHD), never a Float.
 */
@ObjectType('Money', {
  description:
    'An exact amount: a decimal string with the currency’s minor units, and its ISO 4217 currency.',
})
export class MoneyModel {
  @Field(() => String, { description: 'Exact decimal, e.g. "1234.50"; negative with a leading "-".' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 code, e.g. "ZAR".' })
  currency!: string;

  @Field(() => Int, { description: 'Decimals of the currency (0, 2 or 3).' })
  minorUnits!: number;

  static of(money: Money): MoneyModel {
    const { minorUnits, code } = money.currency;
    return { amount: money.amount.toFixed(minorUnits), currency: code, minorUnits };
  }

  /**
   * From a database numeric ("1234.5000") and its currency. An amount finer than the currency's minor unit is an
   * error, never a silent rounding.
   */
  static fromJson(json: MoneyJson): MoneyModel {
    return MoneyModel.of(Money.fromJSON(json));
  }
}
