import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import { IConstruct } from 'constructs';

/**
 * Error annotations for failing findings, written as aws-cdk-lib's `Annotations` writes them (same metadata type, no
 * duplicates) but without a stack trace. `Annotations` records the stack of the call, which here is the Aspect's own
 * code: useless to the user, whose line of code the reports already name, and the most expensive part of annotating
 * (about 0.2 ms per finding, thousands of findings on a large app).
 *
 * Acknowledged findings are never annotated (the engine applies `Validations.of(scope).acknowledge(...)` first).
 */
export class FindingAnnotations {
  /** An error: `cdk synth` exits non-zero. */
  public static error(target: IConstruct, text: string): void {
    FindingAnnotations.add(target, ArtifactMetadataEntryType.ERROR, text);
  }

  private static add(target: IConstruct, type: string, text: string): void {
    if (target.node.metadata.some((entry) => entry.type === type && entry.data === text)) return;
    target.node.addMetadata(type, text, { stackTrace: false });
  }
}
