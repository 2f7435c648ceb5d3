export * from './approval-policy';
export * from './approval-chain';
export * from './step-up';
export * from './business-days';
