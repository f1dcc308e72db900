export * from './secure-table';
