export * from './secure-serverless';
