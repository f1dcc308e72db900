export * from './common';
export * from './secure-function';
