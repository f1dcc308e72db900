export * from './bucket-public-access';
export * from './bucket-tls-only';
export * from './access-logging';
