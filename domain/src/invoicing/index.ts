export * from './extracted-invoice';
export * from './approval-request';
export * from './supplier-identity';
export * from './invoice-number';
