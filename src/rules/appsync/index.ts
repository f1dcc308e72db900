export * from './api-auth';
