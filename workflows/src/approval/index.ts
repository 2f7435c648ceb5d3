export * from './approval.messages';
export * from './multi-level-approval.workflow';
