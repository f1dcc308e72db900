export * from './props';
export * from './secure-queue';
