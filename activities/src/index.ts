export * from './config/environment';
export * from './activities';
export * from './database/client';
export * from './storage/object-storage';
export * from './system-check/system-check.activities';
export * from './ledger/audit-log.repository';
export * from './ledger/journal.repository';
export * from './budgeting/budget-vs-actual.repository';
