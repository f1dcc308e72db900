export * from './secure-event-rule';
