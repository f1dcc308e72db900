export * from './route-auth';
export * from './access-log';
export * from './throttling';
export * from './cors';
export * from './stage-var-secret';
