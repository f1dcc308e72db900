export * from './stream-policy-public';
