export * from './audit-options';
export * from './serverless-security-checks';
export * from './serverless-security-aspect';
