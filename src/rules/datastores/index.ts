export * from './password-literal';
