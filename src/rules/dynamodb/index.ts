export * from './table-encryption';
export * from './table-recovery';
