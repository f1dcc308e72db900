export * from './rule-pack';
export * from './serverless-security-pack';
