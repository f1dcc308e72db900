export * from './retention';
export * from './encryption';
export * from './resource-policy-public';
