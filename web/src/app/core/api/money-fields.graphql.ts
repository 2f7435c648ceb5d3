import { graphql } from './generated';

/** Every amount the app asks for: the exact decimal, its currency and that currency's decimals. */
export const moneyFields = graphql(`
  fragment MoneyFields on Money {
    amount
    currency
    minorUnits
  }
`);
