export * from './state-machine-definition-secret';
export * from './state-machine-logging';
export * from './state-machine-tracing';
