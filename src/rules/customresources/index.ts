export * from './sdk-call';
