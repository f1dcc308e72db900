export * from './output-secret';
export * from './unreadable';
