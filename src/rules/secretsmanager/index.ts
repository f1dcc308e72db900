export * from './secret-literal';
