/**
 * The audit's namespace in acknowledgement ids, which is the validation plugin's name: CDK matches
 * `Validations.of(scope).acknowledge({ id: 'ServerlessSecurityChecks::<rule id>' })` against the plugin of that name.
 * Defined here once; `ServerlessSecurityChecks.PLUGIN_NAME` and `AuditAcknowledgements.NAMESPACE` expose it.
 */
export const AUDIT_NAMESPACE = 'ServerlessSecurityChecks';

/** Construct metadata key under which `AuditAcknowledgements` stores an acknowledgement's expiry date and ticket. */
export const ACCOUNTABILITY_METADATA_KEY = 'cdk-secure-serverless:acknowledgement';
