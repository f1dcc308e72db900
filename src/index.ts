// The public API: what users of every jsii language need, nothing more. Everything else is internal to the library.
export * from './core';
export * from './constructs';
// The built-in rules are reached through BuiltInRules (their classes are internal): a pack names them by id.
export { BuiltInRules } from './rules/builtin-rules';
export * from './packs';
export * from './hosts';
export * from './reporting';
export * from './acknowledgements';
export * from './adoption';
