export * from './http-api-authorization';
export * from './http-route-options';
export * from './props';
export * from './secure-http-api';
