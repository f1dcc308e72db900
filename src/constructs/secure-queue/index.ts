export * from './props';
export * from './secure-queue';
export * from './secure-queue-event-source';
