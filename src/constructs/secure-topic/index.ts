export * from './props';
export * from './secure-topic';
