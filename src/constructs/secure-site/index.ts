export * from './props';
export * from './secure-site';
