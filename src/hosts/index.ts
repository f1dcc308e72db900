export * from './serverless-security-checks';
export * from './serverless-security-aspect';
