export * from './topic-encryption';
export * from './topic-policy-public';
export * from './topic-tls-only';
export * from './subscription-dlq';
