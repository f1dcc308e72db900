export * from './viewer-https';
export * from './viewer-tls';
export * from './origin-access';
export * from './security-headers';
export * from './waf';
export * from './logging';
export * from './origin-header-secret';
export * from './function-secret';
