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
          ...MoneyFields
        }
        categories {
          categoryId
          code
          name
          parentId
          lineCount
          total {
            ...MoneyFields
          }
        }
        lines {
          id
          code
          description
          categoryId
          amount {
            ...MoneyFields
          }
        }
      }
    }
    budgetVsActual(eventId: $eventId) {
      actualByMonth {
        fiscalYear
        month
        actual {
          ...MoneyFields
        }
        cumulativeActual {
          ...MoneyFields
        }
      }
      lines {
        budgetLineId
        code
        description
        categoryId
        budget {
          ...MoneyFields
        }
        actual {
          ...MoneyFields
        }
        remaining {
          ...MoneyFields
        }
        actualOtherYears {
          ...MoneyFields
        }
      }
      categories {
        categoryId
        categoryCode
        categoryName
        parentId
        budget {
          ...MoneyFields
        }
        actual {
          ...MoneyFields
        }
        remaining {
          ...MoneyFields
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
            ...MoneyFields
          }
          actual {
            ...MoneyFields
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
        ...MoneyFields
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
