import { ApiError } from '../errors/api-error';
import { visibilityQuery } from './visibility-query';

const organisationId = '688976ff-043c-4834-9a68-e7ce0771997e';

describe('visibilityQuery', () => {
  it('always starts with the caller’s organisation', () => {
    expect(visibilityQuery(organisationId)).toBe(`OrganisationId = "${organisationId}"`);
  });

  it('adds every filter as a condition', () => {
    expect(
      visibilityQuery(organisationId, {
        type: 'invoiceIntakeWorkflow',
        status: 'Running',
        startedAfter: new Date('2026-03-01T00:00:00Z'),
        startedBefore: new Date('2026-04-01T00:00:00Z'),
        supplierId: 's-1',
        eventId: 'e-1',
        invoiceStatus: 'pending_approval',
        amountAtLeast: '1000.00',
        amountAtMost: '25000',
      }),
    ).toBe(
      [
        `OrganisationId = "${organisationId}"`,
        'WorkflowType = "invoiceIntakeWorkflow"',
        'ExecutionStatus = "Running"',
        'StartTime > "2026-03-01T00:00:00.000Z"',
        'StartTime < "2026-04-01T00:00:00.000Z"',
        'SupplierId = "s-1"',
        'EventId = "e-1"',
        'InvoiceStatus = "pending_approval"',
        'InvoiceAmount >= 1000.00',
        'InvoiceAmount <= 25000',
      ].join(' AND '),
    );
  });

  it.each([
    ['supplierId', { supplierId: 'x" OR OrganisationId != "y' }],
    ['type', { type: "a' OR 1=1" }],
    ['amountAtLeast', { amountAtLeast: '1 OR 1=1' }],
  ])('refuses a %s that could widen the query', (field, filter) => {
    expect(() => visibilityQuery(organisationId, filter)).toThrow(ApiError);
    try {
      visibilityQuery(organisationId, filter);
    } catch (error) {
      expect((error as ApiError).details).toEqual({ field });
    }
  });
});
