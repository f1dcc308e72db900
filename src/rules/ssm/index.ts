export * from './parameter-secret';
