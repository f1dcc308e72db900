export * from './common';
export * from './secure-function';
export * from './secure-api';
export * from './secure-http-api';
export * from './secure-queue';
export * from './secure-table';
