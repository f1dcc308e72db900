export * from './audited-resource';
export * from './resolved-value';
export * from './stack-view';
