import { graphql } from '../../../core/api/generated';

/** Suppliers of the register whose name contains the words typed, for the reviewer's supplier picker. */
export const reviewSuppliersQuery = graphql(`
  query ReviewSuppliers($search: String) {
    suppliers(search: $search, first: 20) {
      items {
        id
        name
        vatNumber
      }
    }
  }
`);

export const reviewEventsQuery = graphql(`
  query ReviewEvents {
    events(first: 200) {
      items {
        id
        name
        startsOn
        status
      }
    }
  }
`);

/** The lines of the event's current budget version, to book the invoice on. */
export const reviewBudgetLinesQuery = graphql(`
  query ReviewBudgetLines($eventId: ID!) {
    budget(eventId: $eventId) {
      id
      currentVersion {
        id
        status
        lines {
          id
          code
          description
          amount {
            ...MoneyFields
          }
        }
      }
    }
  }
`);
