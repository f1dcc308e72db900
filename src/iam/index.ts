// The IAM analysis is internal: only the data of the reports' permissions section is public.
export * from './function-permissions';
