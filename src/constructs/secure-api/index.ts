export * from './api-authorization';
export * from './props';
export * from './route-options';
export * from './secure-api-enums';
export * from './secure-api';
