export * from './acknowledgement';
export * from './audit-acknowledgements';
