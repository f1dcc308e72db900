export * from './stack-key';
