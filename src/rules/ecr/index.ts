export * from './repository-policy-public';
