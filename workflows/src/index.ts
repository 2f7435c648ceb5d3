export * from './system-check/system-check.workflow';
export * from './invoice-intake/invoice-intake.workflow';
export * from './approval';
