import { graphql } from '../../core/api/generated';

export const portalOverviewQuery = graphql(`
  query PortalOverview {
    mySupplierProfile {
      id
      name
      vatNumber
      registrationNumber
      email
      bankDetails {
        bankName
        accountEnding
        changedAt
      }
    }
    portalEvents {
      id
      name
      startsOn
      endsOn
    }
    mySubmissions(first: 50) {
      items {
        id
        number
        invoiceDate
        dueDate
        status
        receivedAt
        eventId
        intakeWorkflowId
        gross {
          ...MoneyFields
        }
        statusHistory {
          status
          at
          reason
        }
      }
      totalCount
    }
    myQuotes(first: 50) {
      items {
        id
        reference
        status
        quotedOn
        validUntil
        submittedAt
        eventId
        gross {
          ...MoneyFields
        }
      }
    }
    myPayments(first: 50) {
      items {
        id
        kind
        paidOn
        reference
        invoiceId
        amount {
          ...MoneyFields
        }
      }
    }
    myBankDetailsChanges(first: 10) {
      items {
        id
        status
        bankName
        accountEnding
        requestedAt
        decidedAt
        decisionReason
      }
    }
  }
`);

export const requestBankDetailsChangeMutation = graphql(`
  mutation RequestBankDetailsChange($input: BankDetailsInput!) {
    requestBankDetailsChange(input: $input) {
      id
      status
    }
  }
`);
