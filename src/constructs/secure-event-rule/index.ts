export * from './props';
export * from './secure-event-rule';
