import path from 'node:path';
import { Logger } from '@nestjs/common';
import { loadApiConfig } from '../../src/config/api-config';
import { createTestApp } from '../../src/testing/test-app';
import { type OperationAccess } from './operation-access';
import {
  coverageProblems,
  graphqlOperations,
  loadOperationEntries,
  restOperations,
} from './operation-inventory';

const entry = (operation: string): OperationAccess => ({
  operation,
  allow: ['admin'],
  otherOrganisation: 'not-found',
  request: () => ({ kind: 'graphql', query: '{ me { subject } }' }),
});

describe('the authorisation matrix’s inventory', () => {
  it('lists every root field of the committed schema', () => {
    const operations = graphqlOperations(path.resolve(__dirname, '../../schema.graphql'));
    expect(operations).toEqual(
      expect.arrayContaining(['Query.me', 'Query.workflows', 'Mutation.terminateWorkflow']),
    );
  });

  it('lists the app’s REST routes with their methods', async () => {
    Logger.overrideLogger(false);
    const app = await createTestApp(loadApiConfig({ LOG_LEVEL: 'error' }));
    try {
      expect(restOperations(app)).toEqual(
        expect.arrayContaining([
          'GET /health',
          'POST /invoices/uploads',
          'GET /invoices/uploads/:workflowId',
        ]),
      );
      expect(restOperations(app).filter((name) => name.includes('graphql'))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('reports operations without an entry, with several, and entries for unknown operations', () => {
    expect(
      coverageProblems(
        ['Query.me', 'Query.workflows', 'GET /health'],
        [entry('Query.me'), entry('GET /health'), entry('GET /health'), entry('Mutation.gone')],
      ),
    ).toEqual({
      withoutEntry: ['Query.workflows'],
      withSeveralEntries: ['GET /health'],
      unknown: ['Mutation.gone'],
    });
  });

  it('loads every operations.*.ts file beside it', () => {
    const operations = loadOperationEntries(__dirname).map((loaded) => loaded.operation);
    expect(operations).toEqual(expect.arrayContaining(['Query.me', 'Query.workflows', 'GET /openapi.json']));
  });
});
