export * from './construct-index';
export * from './acknowledgements';
export * from './framework-resources';
export * from './audit-engine';
