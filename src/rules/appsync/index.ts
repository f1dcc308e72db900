export * from './api-auth';
export * from './resolver-secret';
