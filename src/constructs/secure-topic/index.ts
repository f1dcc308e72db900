export * from './secure-topic';
