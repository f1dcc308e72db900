export * from './props';
export * from './secure-table';
export * from './secure-table-stream-source';
