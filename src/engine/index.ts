export * from './audited-resource';
export * from './resolved-value';
export * from './stack-view';
export * from './construct-index';
export * from './acknowledgements';
export * from './framework-resources';
export * from './audit-engine';
