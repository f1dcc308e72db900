export * from './escalation';
export * from './managed-policy';
export * from './not-action';
export * from './resource-policy';
export * from './role-shared';
export * from './trust-policy';
export * from './wildcard-action';
export * from './wildcard-resource';
