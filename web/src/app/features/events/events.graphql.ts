import { graphql } from '../../core/api/generated';

export const eventsQuery = graphql(`
  query Events($first: Int!, $after: String, $status: String) {
    events(first: $first, after: $after, status: $status) {
      items {
        id
        name
        startsOn
        endsOn
        venue
        status
        seriesKey
      }
      nextCursor
      totalCount
    }
    eventTemplates(first: 100) {
      items {
        id
        name
        description
      }
    }
  }
`);

export const createEventMutation = graphql(`
  mutation CreateEventFromTemplate($input: CreateEventFromTemplateInput!) {
    createEventFromTemplate(input: $input) {
      id
      name
    }
  }
`);

export const eventBudgetQuery = graphql(`
  query EventBudget($eventId: ID!) {
    event(id: $eventId) {
      id
      name
      startsOn
      endsOn
      venue
      status
      seriesKey
    }
    budget(eventId: $eventId) {
      id
      name
      currency
      fiscalYear
      currentVersion {
        id
      }
      versions {
        id
        versionNo
        status
        note
        createdAt
        approvedAt
        total {
          amount
          currency
          minorUnits
        }
        categories {
          categoryId
          code
          name
          parentId
          lineCount
          total {
            amount
            currency
            minorUnits
          }
        }
        lines {
          id
          code
          description
          categoryId
          amount {
            amount
            currency
            minorUnits
          }
        }
      }
    }
    budgetVsActual(eventId: $eventId) {
      lines {
        budgetLineId
        code
        description
        categoryId
        budget {
          amount
          currency
          minorUnits
        }
        actual {
          amount
          currency
          minorUnits
        }
        remaining {
          amount
          currency
          minorUnits
        }
        actualOtherYears {
          amount
          currency
          minorUnits
        }
      }
      categories {
        categoryId
        categoryCode
        categoryName
        parentId
        budget {
          amount
          currency
          minorUnits
        }
        actual {
          amount
          currency
          minorUnits
        }
        remaining {
          amount
          currency
          minorUnits
        }
      }
      yearOverYear {
        seriesKey
        events {
          eventId
          eventName
          fiscalYear
          startsOn
          budget {
            amount
            currency
            minorUnits
          }
          actual {
            amount
            currency
            minorUnits
          }
        }
      }
    }
  }
`);

export const updateDraftBudgetLineMutation = graphql(`
  mutation UpdateDraftBudgetLine($input: UpdateDraftBudgetLineInput!) {
    updateDraftBudgetLine(input: $input) {
      id
      description
      amount {
        amount
        currency
        minorUnits
      }
    }
  }
`);

export const addBudgetLineMutation = graphql(`
  mutation AddBudgetLine($input: AddBudgetLineInput!) {
    addBudgetLine(input: $input) {
      id
    }
  }
`);

export const reforecastBudgetMutation = graphql(`
  mutation ReforecastBudget($input: ReforecastBudgetInput!) {
    reforecastBudget(input: $input) {
      id
    }
  }
`);
