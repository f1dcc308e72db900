export * from './table-encryption';
export * from './table-recovery';
export * from './table-policy-public';
