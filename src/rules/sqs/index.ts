export * from './queue-encryption';
export * from './queue-policy-public';
export * from './queue-tls-only';
