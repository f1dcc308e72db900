export * from './audit-baseline';
