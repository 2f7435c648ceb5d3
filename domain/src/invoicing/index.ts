export * from './extracted-invoice';
export * from './approval-request';
