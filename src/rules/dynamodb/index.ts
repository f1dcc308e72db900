export * from './table-encryption';
