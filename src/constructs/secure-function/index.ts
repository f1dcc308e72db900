export * from './props';
export * from './secure-function';
export * from './function-secret';
