export * from './event-bus-policy-public';
export * from './rule-pattern-specific';
export * from './rule-target-dlq';
export * from './connection-secret';
