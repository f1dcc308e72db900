export * from './rule';
export * from './audited-resource';
export * from './resolved-value';
export * from './stack-view';
export * from './finding';
export * from './verdicts';
