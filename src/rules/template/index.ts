export * from './output-secret';
