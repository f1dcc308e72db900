export * from './construct-index';
export * from './framework-resources';
export * from './audit-engine';
