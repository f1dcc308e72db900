export * from './shared';
export * from './constructs';
export * from './rules';
export * from './engine';
