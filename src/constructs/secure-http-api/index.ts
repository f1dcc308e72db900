export * from './http-api-authorization';
export * from './http-route-options';
export * from './secure-http-api';
