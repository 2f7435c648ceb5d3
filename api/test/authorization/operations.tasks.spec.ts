import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { type MatrixContext } from './operation-access';
import { tasksOperations } from './operations.tasks';

// Until the matrix runner calls them, these entries are at least checked against the committed schema: each names a
// real operation, and its request is a valid document for it.
const schema = buildSchema(readFileSync(resolve(__dirname, '../../schema.graphql'), 'utf8'));
const context: MatrixContext = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  eventId: '00000000-0000-4000-8000-000000000002',
  budgetLineId: '00000000-0000-4000-8000-000000000003',
  supplierId: '00000000-0000-4000-8000-000000000004',
  invoiceId: '00000000-0000-4000-8000-000000000005',
  extra: {},
};

describe('tasksOperations', () => {
  it('has one entry for every task inbox operation in the schema', () => {
    const names = tasksOperations.map((entry) => entry.operation);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      [
        'Mutation.approveTask',
        'Mutation.completeInvoiceReview',
        'Mutation.delegateTask',
        'Mutation.rejectTask',
        'Mutation.requestTaskChanges',
        'Query.delegationCandidates',
        'Query.myTasks',
        'Query.task',
        'Query.taskCounts',
        'Subscription.budgetActualChanged',
        'Subscription.taskChanged',
      ].sort(),
    );
  });

  it.each(tasksOperations.map((entry) => [entry.operation, entry] as const))(
    '%s names a schema field and sends a valid request for it',
    (operation, entry) => {
      const [type, field] = operation.split('.') as ['Query' | 'Mutation' | 'Subscription', string];
      const root = {
        Query: schema.getQueryType(),
        Mutation: schema.getMutationType(),
        Subscription: schema.getSubscriptionType(),
      }[type];
      expect(root?.getFields()[field]).toBeDefined();
      const request = entry.request(context);
      if (request.kind !== 'graphql') throw new Error('task operations are GraphQL');
      const document = parse(request.query);
      expect(validate(schema, document).map((error) => error.message)).toEqual([]);
      expect(request.query).toContain(field);
    },
  );
});
