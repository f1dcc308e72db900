import * as path from 'path';
import { IConstruct } from 'constructs';
import { SourceLocation } from './reported-finding';

/** The metadata type under which aws-cdk-lib records where a CloudFormation element was created. */
const CREATION_STACK_METADATA = 'aws:cdk:creationStack';

/** This library's own sources: frames inside it are never the user's line (a `Secure*` construct creating an L1). */
const LIBRARY_ROOT = path.resolve(__dirname, '..') + path.sep;

/**
 * Finds the user's line of code behind a resource.
 *
 * aws-cdk-lib 2.276 records the creation stack trace of every `CfnElement` (and `Stack`) in the construct metadata
 * `aws:cdk:creationStack`, by default and without `CDK_DEBUG` (only the context flag
 * `aws:cdk:disable-creation-stack-traces` turns it off). Frames inside aws-cdk-lib are folded into entries such as
 * `...new Queue2 in aws-cdk-lib...`; the first frame that points at a file outside `node_modules`, Node internals
 * and this library is the user's code that created the construct.
 */
export class SourceLocations {
  /**
   * The user's line that created a construct (or, when it has no trace, its closest ancestor with one).
   *
   * @returns the location, or undefined when no trace was recorded
   */
  public static ofConstruct(construct: IConstruct): SourceLocation | undefined {
    for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
      const frames = current.node.metadata.find((m) => m.type === CREATION_STACK_METADATA)?.data;
      if (!Array.isArray(frames)) continue;
      const location = SourceLocations.userFrame(frames.map(String));
      if (location) return location;
    }
    return undefined;
  }

  /** The first frame of a creation stack trace that is the user's code. */
  public static userFrame(frames: string[]): SourceLocation | undefined {
    for (const frame of frames) {
      const location = parseFrame(frame);
      if (location && isUserFile(location.file)) return location;
    }
    return undefined;
  }
}

/** `new MyStack (/app/lib/stack.ts:12:5)`, `Object.<anonymous> (/app/bin/app.ts:7:1)` or `/app/bin/app.ts:7:1`. */
function parseFrame(frame: string): SourceLocation | undefined {
  const match = /\(?((?:file:\/\/)?(?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
  if (!match) return undefined;
  const file = match[1].replace(/^file:\/\//, '');
  if (!path.isAbsolute(file)) return undefined;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

function isUserFile(file: string): boolean {
  return !file.includes(`${path.sep}node_modules${path.sep}`)
    && !file.startsWith('node:')
    && !file.startsWith(LIBRARY_ROOT);
}
