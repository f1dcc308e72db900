export * from './rule-ids';
export * from './stack-key';
