export * from './secret-detector';
export * from './lambda-runtimes';
export * from './iam-wildcards';
