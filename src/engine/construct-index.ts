import { CfnElement, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgementIndex } from '../acknowledgements/private/acknowledgement-index';
import { ACCOUNTABILITY_METADATA_KEY } from '../acknowledgements/private/names';
import { AuditDate } from '../core/audit-date';

/**
 * The constructs behind one stack's template: logical id to construct and back. Built by one walk over the stack's
 * own subtree (nested stacks and stages have their own templates, so the walk stops at them). The audit uses it to
 * read acknowledgements (the same walk notes the constructs that carry any) and to recognise framework resources by
 * what created them.
 */
export class ConstructIndex {
  /**
   * Walks the stack's subtree and finds the logical id of every `CfnElement` that belongs to it, exactly as the
   * template names it (renames and `overrideLogicalId` included).
   *
   * @param stack the stack
   * @param templateLogicalIds the logical ids of the synthesized template, when known: an element whose id is a
   *   lazy value (an API Gateway deployment, whose id ends with a hash of the whole API) is then matched to the one
   *   template id that extends its base id, instead of resolving the lazy value again
   */
  public static ofStack(stack: Stack, templateLogicalIds?: string[]): ConstructIndex {
    const index = new ConstructIndex(stack);
    const lazy: Array<{ element: CfnElement; path: string }> = [];
    // Paths are built on the way down: `node.path` would collect every ancestor again for each element.
    const visit = (construct: IConstruct, path: string): void => {
      for (const child of construct.node.children) {
        if (Stack.isStack(child) || Stage.isStage(child)) continue;
        const childPath = childPathOf(path, child.node.id);
        if (CfnElement.isCfnElement(child)) {
          const id = plainLogicalIdOf(child);
          if (id !== undefined) index.add(id, child, childPath);
          else lazy.push({ element: child, path: childPath });
        }
        if (carriesAcknowledgements(child)) index.acknowledged.push(child);
        visit(child, childPath);
      }
    };
    visit(stack, stack.node.path);
    const unmatched = templateLogicalIds?.filter((id) => !index.byLogicalId.has(id)) ?? [];
    for (const { element, path } of lazy) {
      const base = stack.getLogicalId(element);
      const candidates = unmatched.filter((id) => id.startsWith(base));
      index.add(candidates.length === 1 ? candidates[0] : stack.resolve(element.logicalId), element, path);
    }
    return index;
  }

  /** The stack the index covers. */
  public readonly stack: Stack;
  private readonly byLogicalId = new Map<string, IConstruct>();
  private readonly byConstruct = new Map<IConstruct, string>();
  private readonly pathByLogicalId = new Map<string, string>();
  /** Constructs of the subtree that carry acknowledgements. */
  private readonly acknowledged: IConstruct[] = [];
  private acknowledgements?: AcknowledgementIndex;

  private constructor(stack: Stack) {
    this.stack = stack;
  }

  /**
   * The acknowledgement index the audit reads this stack's acknowledgements from: the one the host built for the
   * whole audit (`_useAcknowledgements`), or else one of this stack's own.
   *
   * @internal
   */
  public _acknowledgementIndex(): AcknowledgementIndex {
    if (!this.acknowledgements) this._useAcknowledgements(new AcknowledgementIndex(AuditDate.today(this.stack)));
    return this.acknowledgements!;
  }

  /**
   * Makes the audit read this stack's acknowledgements from `index`, shared by every stack of one audit, and records
   * in it those of the stack's subtree and ancestors (each construct is read once per index).
   *
   * @internal
   */
  public _useAcknowledgements(index: AcknowledgementIndex): void {
    this.acknowledgements = index;
    index.read(this.stack);
    for (const construct of this.acknowledged) index.read(construct);
  }

  /**
   * The construct that defines a logical id.
   *
   * @returns the construct, or undefined when the template has no such element or it was added outside the tree
   */
  public constructOf(logicalId: string): IConstruct | undefined {
    return this.byLogicalId.get(logicalId);
  }

  /**
   * The logical id a construct (a `CfnElement` of this stack) has in the template.
   *
   * @returns the logical id, or undefined when the construct is not an element of this stack
   */
  public logicalIdOf(construct: IConstruct): string | undefined {
    return this.byConstruct.get(construct);
  }

  /** Construct path of every logical id, for `StackView`. */
  public constructPaths(): { [logicalId: string]: string } {
    const paths: { [logicalId: string]: string } = {};
    for (const [logicalId, constructPath] of this.pathByLogicalId) paths[logicalId] = constructPath;
    return paths;
  }

  /** Logical ids of the elements in a construct's subtree (the construct included), within this stack. */
  public logicalIdsUnder(construct: IConstruct): string[] {
    const ids: string[] = [];
    const visit = (current: IConstruct): void => {
      const id = this.byConstruct.get(current);
      if (id !== undefined) ids.push(id);
      for (const child of current.node.children) {
        if (!Stack.isStack(child) && !Stage.isStage(child)) visit(child);
      }
    };
    visit(construct);
    return ids;
  }

  private add(logicalId: string, construct: IConstruct, constructPath: string): void {
    this.byLogicalId.set(logicalId, construct);
    this.byConstruct.set(construct, logicalId);
    this.pathByLogicalId.set(logicalId, constructPath);
  }
}

/** True when the construct itself records an acknowledgement (most constructs have no metadata at all). */
function carriesAcknowledgements(construct: IConstruct): boolean {
  const metadata = construct.node.metadata;
  return metadata.length > 0
    && metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY || m.type === ACCOUNTABILITY_METADATA_KEY);
}

/** A child's construct path from its parent's, as `node.path` joins them: the root's empty id is left out. */
function childPathOf(parentPath: string, id: string): string {
  if (id === '') return parentPath;
  return parentPath === '' ? id : `${parentPath}/${id}`;
}

/**
 * The logical id an element has in its template, when it is not a lazy value. `stack.resolve(element.logicalId)` is
 * the public way, but it costs a full token resolution per element (about 25 µs, most of the plugin's time on a
 * large app); the lazy behind `logicalId` calls `_synthesizeLogicalId()`, which gives the same answer five times
 * faster. Tokens are spotted by their `{Token[` marker: `Token.isUnresolved` is exact but costs twice the lookup.
 *
 * @returns the logical id, or undefined when it is itself a lazy value
 */
function plainLogicalIdOf(element: CfnElement): string | undefined {
  const synthesize = (element as any)._synthesizeLogicalId;
  const raw = typeof synthesize === 'function' ? synthesize.call(element) : element.stack.resolve(element.logicalId);
  return typeof raw === 'string' && !raw.includes('{Token[') ? raw : undefined;
}
