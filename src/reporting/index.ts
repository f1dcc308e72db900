export * from './audit-options';
export * from './report-types';
export * from './audit-result';
