export * from './retention';
export * from './encryption';
