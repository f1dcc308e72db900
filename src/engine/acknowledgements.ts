// The acknowledgement index moved to src/acknowledgements/private/acknowledgement-index.ts (one index per audit,
// attached to the findings in audit-engine.ts). This module is kept only because src/engine/index.ts re-exports it.
export {};
