export * from './rule';
export * from './builtin-rules';
