export * from './password-policy';
export * from './mfa';
export * from './unauth-identities';
export * from './self-sign-up';
export * from './client-flows';
