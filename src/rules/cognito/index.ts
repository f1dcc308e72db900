export * from './password-policy';
export * from './mfa';
export * from './unauth-identities';
