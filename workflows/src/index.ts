export * from './system-check/system-check.workflow';
