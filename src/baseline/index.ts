export * from './baseline-entry';
export * from './audit-baseline';
