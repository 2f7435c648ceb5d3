// The workflows an intake test worker registers: intake itself and the approval stand-in.
export { invoiceIntakeWorkflow } from '../invoice-intake.workflow';
export { multiLevelApprovalWorkflow } from './approval-stand-in.workflow';
