export * from './acknowledgement-record';
export * from './audit-acknowledgements';
export * from './acknowledgement-inventory';
