import { MoneyModel } from './money.model';

/** A database amount ("1234.5000") in its currency, as GraphQL shows money. */
export function money(amount: string, currency: string): MoneyModel {
  return MoneyModel.fromJson({ amount, currency });
}
