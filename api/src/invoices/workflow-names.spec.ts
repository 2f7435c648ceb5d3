import { invoiceIntakeWorkflowType } from '@eventvault/activities';
import { invoiceIntakeStateQuery, invoiceIntakeWorkflow } from '@eventvault/workflows';
import { invoiceIntakeStateQueryName } from './invoice-uploads.service';

// The API names the intake's workflow type and state query without loading workflow code (its image has none);
// these names must stay those of the workflow itself.
describe('the names the API uses for the invoice intake workflow', () => {
  it('match the workflow and its state query', () => {
    expect(invoiceIntakeStateQueryName).toBe(invoiceIntakeStateQuery.name);
    expect(invoiceIntakeWorkflowType).toBe(invoiceIntakeWorkflow.name);
  });
});
